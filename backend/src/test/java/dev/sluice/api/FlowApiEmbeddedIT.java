package dev.sluice.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.platform.FreePort;

/** The flow API on the embedded default: H2 file database and the in-process broker, in a fresh data directory. */
class FlowApiEmbeddedIT extends FlowApiContractIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("sluice.data-dir", () -> dataDir.toString());
        registry.add("sluice.amqp.embedded.port", FreePort::find);
    }
}
