package dev.sluice.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/** Workspace secrets on every backend pair: who may do what, encryption at rest, never a value in a response. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class SecretsContractIT {

    static final String VALUE = "s3cr3t-v4lue-never-shown";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecretVault vault;

    @Autowired
    WorkspaceAdministration administration;

    ApiCalls api;
    String owner;

    @BeforeEach
    void ownerOfFinance() {
        api = new ApiCalls(port, "demo-it");
        owner = ApiCalls.unique("owner");
        administration.createUser(owner, "Owner", "demo-it", null);
        administration.addMember(owner, "finance", WorkspaceRole.OWNER);
    }

    @Test
    void ownersCreateSecretsThatAreEncryptedAtRestAndNeverReturned() {
        String name = ApiCalls.unique("ledger-token");

        Response created = api.call("POST", "/api/workspaces/finance/secrets", owner,
                "{\"name\": \"" + name + "\", \"value\": \"" + VALUE + "\"}");
        Response listed = api.get("/api/workspaces/finance/secrets", owner);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(VALUE);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("secrets").findValuesAsText("name")).contains(name);
        assertThat(listed.body()).doesNotContain(VALUE);
        String stored = jdbc.queryForObject("select ciphertext from workspace_secrets where name = ?", String.class,
                name);
        assertThat(stored).doesNotContain(VALUE);
        assertThat(new String(vault.of("finance").find(name).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(VALUE);
        assertThat(vault.of("customer-service").find(name)).isEmpty();
        Response audited = api.get("/api/audit?action=secret.create&objectId=" + name, "auditor");
        assertThat(audited.json().path("entries")).hasSize(1);
        assertThat(audited.body()).doesNotContain(VALUE);
    }

    @Test
    void ownersReplaceAndDeleteSecrets() {
        String name = ApiCalls.unique("hmac");
        api.call("POST", "/api/workspaces/finance/secrets", owner, "{\"name\": \"" + name + "\", \"value\": \"a\"}");

        assertThat(api.call("PUT", "/api/workspaces/finance/secrets/" + name, owner, "{\"value\": \"b\"}").status())
                .isEqualTo(200);
        assertThat(vault.of("finance").find(name)).hasValueSatisfying(v -> assertThat(v).isEqualTo(new byte[] {'b'}));
        assertThat(api.call("POST", "/api/workspaces/finance/secrets", owner,
                "{\"name\": \"" + name + "\", \"value\": \"c\"}").status()).isEqualTo(409);
        assertThat(api.call("DELETE", "/api/workspaces/finance/secrets/" + name, owner, null).status())
                .isEqualTo(204);
        assertThat(vault.of("finance").find(name)).isEmpty();
        assertThat(api.call("DELETE", "/api/workspaces/finance/secrets/" + name, owner, null).status())
                .isEqualTo(404);
    }

    @Test
    void stewardsListNamesOnlyAndOthersSeeNothing() {
        String name = ApiCalls.unique("only-owner");
        String create = "{\"name\": \"" + name + "\", \"value\": \"v\"}";

        assertThat(api.get("/api/workspaces/finance/secrets", "finance").status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/workspaces/finance/secrets", "finance", create).status()).isEqualTo(403);
        assertThat(api.get("/api/workspaces/finance/secrets", "viewer").status()).isEqualTo(403);
        assertThat(api.get("/api/workspaces/finance/secrets", "service").status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/workspaces/finance/secrets", "service", create).status()).isEqualTo(404);
        assertThat(api.get("/api/workspaces/finance/secrets", "admin").status()).isEqualTo(404);
        assertThat(api.get("/api/workspaces/finance/secrets", "auditor").status()).isEqualTo(404);
        assertThat(api.get("/api/workspaces/no-such-workspace/secrets", owner).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/workspaces/finance/secrets", owner, "{\"name\": \"bad name\"}").status())
                .isEqualTo(400);
    }
}
