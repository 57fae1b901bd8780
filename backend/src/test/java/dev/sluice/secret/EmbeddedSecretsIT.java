package dev.sluice.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

/** On the embedded default the master key is generated once under the data directory, for its owner only. */
class EmbeddedSecretsIT extends SecretsContractIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @Test
    void generatesTheMasterKeyOnceReadableByItsOwnerOnly() throws Exception {
        api.call("POST", "/api/workspaces/finance/secrets", owner, "{\"name\": \"k-" + owner + "\", \"value\": \"v\"}");
        Path key = dataDir.resolve("keys").resolve("master.key");

        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())))
                .isEqualTo("rwx------");
        String first = Files.readString(key);
        api.call("POST", "/api/workspaces/finance/secrets", owner, "{\"name\": \"k2-" + owner + "\", \"value\": \"v\"}");
        assertThat(Files.readString(key)).isEqualTo(first);
    }
}
