package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.sluice.TestApplication;

class UnreachableServicesIT {

    @TempDir
    Path dataDir;

    @Test
    void refusesToStartWhenPostgresIsUnreachableAndNamesIt() {
        int closedPort = FreePort.find();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/sluice";

        Throwable failure = catchThrowable(() -> start("--spring.datasource.url=" + url,
                "--spring.datasource.username=sluice", "--sluice.amqp.embedded.port=" + FreePort.find()));

        FailureAnalysis analysis = new UnreachableServiceFailureAnalyzer(
                new MockEnvironment().withProperty("spring.datasource.url", url)).analyze(failure);
        assertThat(analysis).as("a diagnosis instead of a bare stack trace").isNotNull();
        assertThat(analysis.getDescription()).startsWith("The database at " + url + " is unreachable");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void refusesToStartWhenRabbitMqIsUnreachableAndNamesIt() {
        int closedPort = FreePort.find();

        Throwable failure = catchThrowable(() -> start(
                "--sluice.amqp.uri=amqp://guest:secret@127.0.0.1:" + closedPort + "/%2F"));

        FailureAnalysis analysis = new UnreachableServiceFailureAnalyzer(new MockEnvironment()).analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("RabbitMQ at amqp://127.0.0.1:" + closedPort + "/%2F is unreachable")
                .doesNotContain("secret");
        assertThat(analysis.getAction()).contains("SLUICE_AMQP_URI");
    }

    private void start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--sluice.data-dir=" + dataDir;
        System.arraycopy(args, 0, all, 2, args.length);
        new SpringApplicationBuilder(TestApplication.class).run(all).close();
    }
}
