package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sluice.TestApplication;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceService;

class EmbeddedRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsWorkspacesAndUsersAcrossARestartWithoutSeedingTwice() {
        int amqpPort = FreePort.find();
        try (ConfigurableApplicationContext first = start(amqpPort)) {
            first.getBean(WorkspaceAdministration.class).createWorkspace("legal", "Legal", "added before restart");
        }

        try (ConfigurableApplicationContext second = start(amqpPort)) {
            WorkspaceAdministration administration = second.getBean(WorkspaceAdministration.class);
            assertThat(administration.workspace("legal").getDescription()).isEqualTo("added before restart");
            assertThat(second.getBean(WorkspaceService.class).profile("finance").workspaces()).hasSize(1);
        }
    }

    private ConfigurableApplicationContext start(int amqpPort) {
        return new SpringApplicationBuilder(TestApplication.class).run(
                "--server.port=0",
                "--sluice.data-dir=" + dataDir,
                "--sluice.amqp.embedded.port=" + amqpPort);
    }
}
