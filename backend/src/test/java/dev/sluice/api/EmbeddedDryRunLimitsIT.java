package dev.sluice.api;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

class EmbeddedDryRunLimitsIT extends DryRunLimitsContractIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }
}
