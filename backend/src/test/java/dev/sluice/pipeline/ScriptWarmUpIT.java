package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestApplication;
import dev.sluice.platform.FreePort;

/** The JavaScript engine starts in the background once the application is ready, not at a steward's first script. */
@SpringBootTest(classes = TestApplication.class)
class ScriptWarmUpIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("sluice.data-dir", () -> dataDir.toString());
        registry.add("sluice.amqp.embedded.port", FreePort::find);
    }

    @Autowired
    ScriptWarmUp warmUp;

    @Test
    void checksCompilesAndRunsAScriptOnceTheApplicationIsReady() throws Exception {
        warmUp.done().get(120, TimeUnit.SECONDS);

        assertThat(warmUp.done()).isCompletedWithValue(null);
    }
}
