package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Personal API tokens: created by their owner, acting as the owner with the owner's roles, listed without their
 * secret, revoked by the owner or an admin, refused once revoked or expired; each step audited.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class ApiTokensIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    ApiCalls api;
    String user;

    @BeforeEach
    void steward() {
        api = new ApiCalls(port, "demo-it");
        user = ApiCalls.unique("script-owner");
        administration.createUser(user, "Script Owner", "demo-it", null);
        administration.addMember(user, "finance", WorkspaceRole.STEWARD);
    }

    @Test
    void aTokenActsAsItsOwnerWithTheOwnersRolesAndIsShownOnlyOnce() {
        Response created = api.call("POST", "/api/me/tokens", user, "{\"name\": \"nightly export\", \"days\": 30}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith("sluice_").hasSizeGreaterThan(40);
        Response me = withToken("GET", "/api/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo(user);
        assertThat(me.json().path("workspaces").get(0).path("role").asText()).isEqualTo("STEWARD");
        assertThat(withToken("GET", "/api/workspaces/finance/connections", secret).status()).isEqualTo(200);
        assertThat(withToken("GET", "/api/users", secret).status()).as("not an admin").isEqualTo(403);
        Response listed = api.get("/api/me/tokens", user);
        assertThat(listed.body()).doesNotContain(secret);
        assertThat(listed.json().path("tokens")).extracting(t -> t.path("name").asText(),
                t -> t.path("hint").asText(), t -> t.path("lastUsedAt").isNull())
                .containsExactly(tuple("nightly export", secret.substring(0, 11) + "…", false));
        assertThat(audit(user)).contains(tuple("api-token.create", "SUCCESS"), tuple("login", "SUCCESS"));
    }

    @Test
    void aRevokedTokenIsRefusedAndTheRefusalAudited() {
        String secret = create(user);
        long id = api.get("/api/me/tokens", user).json().path("tokens").get(0).path("id").asLong();
        assertThat(withToken("GET", "/api/me", secret).status()).isEqualTo(200);

        Response revoked = api.call("DELETE", "/api/tokens/" + id, "admin", null);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedBy").asText()).isEqualTo("admin");
        Response refused = withToken("GET", "/api/me", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(api.get("/api/audit?action=api-token.revoke&actor=admin", "auditor").body()).contains(user);
        assertThat(api.get("/api/audit?action=login&actor=" + secret.substring(0, 11) + "…", "auditor")
                .json().path("entries").get(0).path("outcome").asText()).isEqualTo("FAILURE");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String secret = create(user);
        jdbc.update("update api_tokens set expires_at = ? where name = ?", Timestamp.from(Instant.now()
                .minusSeconds(1)), "token of " + user);

        assertThat(withToken("GET", "/api/me", secret).status()).isEqualTo(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesOrRevokesATokenAndNoTokenMintsAnother() {
        String secret = create(user);
        long id = api.get("/api/me/tokens", user).json().path("tokens").get(0).path("id").asLong();

        assertThat(api.call("DELETE", "/api/me/tokens/" + id, "finance", null).status()).isEqualTo(404);
        assertThat(api.get("/api/tokens", "finance").status()).isEqualTo(403);
        assertThat(api.get("/api/tokens", "admin").body()).contains("token of " + user).doesNotContain(secret);
        Response minted = withToken("POST", "/api/me/tokens", secret, "{\"name\": \"another\"}");
        assertThat(minted.status()).isEqualTo(403);
        assertThat(api.call("DELETE", "/api/me/tokens/" + id, user, null).status()).isEqualTo(200);
    }

    @Test
    void refusesABadNameOrLifetimeAndAnUnknownToken() {
        assertThat(message(api.call("POST", "/api/me/tokens", user, "{\"name\": \"\"}")))
                .isEqualTo("400 a token's name is 1 to 100 characters, e.g. what it is for");
        assertThat(message(api.call("POST", "/api/me/tokens", user, "{\"name\": \"n\", \"days\": 400}")))
                .isEqualTo("400 a token counts for 1 to 366 days");
        assertThat(message(api.call("POST", "/api/me/tokens", user, "{\"name\": \"n\", \"days\": \"soon\"}")))
                .isEqualTo("400 days is a whole number from 1 to 366");
        assertThat(withToken("GET", "/api/me", "sluice_not-a-token-of-anyone").status()).isEqualTo(401);
    }

    private String create(String owner) {
        Response created = api.call("POST", "/api/me/tokens", owner, "{\"name\": \"token of " + owner + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("secret").asText();
    }

    private Response withToken(String method, String path, String secret) {
        return withToken(method, path, secret, null);
    }

    private Response withToken(String method, String path, String secret, String body) {
        return api.call(method, path, null, body, "Authorization", "Bearer " + secret);
    }

    private static String message(Response response) {
        return response.status() + " " + response.json().path("errors").get(0).path("message").asText();
    }

    private List<Tuple> audit(String actor) {
        JsonNode entries = api.get("/api/audit?actor=" + actor, "auditor").json().path("entries");
        List<Tuple> found = new ArrayList<>();
        entries.forEach(e -> found.add(tuple(e.path("action").asText(), e.path("outcome").asText())));
        return found;
    }
}
