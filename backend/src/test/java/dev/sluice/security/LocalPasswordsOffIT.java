package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.PlatformRole;

/** With local passwords switched off, only the directory signs people in, the form and HTTP Basic alike. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it",
                "sluice.sign-in.local-passwords=false"})
class LocalPasswordsOffIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
        TestDirectory.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    GroupRoleRules rules;

    @Test
    void localAccountsAreRefusedAndDirectoryAdminsTakeOver() throws Exception {
        ApiCalls api = new ApiCalls(port, "demo-it");
        String uid = ApiCalls.unique("ops");
        String admins = ApiCalls.unique("sluice-admins");
        TestDirectory.addPerson(uid, "Olga Ops", "directory-pw");
        TestDirectory.addToGroup(uid, admins);
        rules.grantPlatformRole("admin", admins, PlatformRole.ADMIN);

        assertThat(api.get("/api/me", "admin").status()).as("the local admin").isEqualTo(401);
        assertThat(api.get("/api/me", "finance").status()).as("a local steward").isEqualTo(401);
        assertThat(api.get("/api/users", uid + ":directory-pw").status()).as("the directory's admin").isEqualTo(200);
    }
}
