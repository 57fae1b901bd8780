package dev.sluice.security;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

class EmbeddedAuthorizationMatrixIT extends AuthorizationMatrixContractIT {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws java.io.IOException {
        // not @TempDir: with one instance per class the context starts before static fields are injected
        Path dataDir = java.nio.file.Files.createTempDirectory("sluice-matrix-");
        dataDir.toFile().deleteOnExit();
        TestBackends.embedded(registry, dataDir);
    }
}
