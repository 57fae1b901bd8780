package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;

/**
 * Signing in through an LDAP directory (a real one, in this JVM): the directory checks the password, the user's
 * groups give their roles through the group rules an admin keeps, and the rules apply again at every sign-in.
 * Local accounts keep signing in beside it.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class LdapSignInIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
        TestDirectory.register(registry);
    }

    @LocalServerPort
    int port;

    ApiCalls api;
    String uid;
    String group;

    @BeforeEach
    void person() throws Exception {
        api = new ApiCalls(port, "demo-it");
        uid = ApiCalls.unique("lena");
        group = ApiCalls.unique("sluice-finance-stewards");
        TestDirectory.addPerson(uid, "Lena Ledger", "directory-pw");
        TestDirectory.addToGroup(uid, group);
    }

    @Test
    void aDirectoryUserGetsTheRolesTheirGroupsAreMappedTo() {
        addRule("{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"steward\"}");

        Response me = api.get("/api/me", uid + ":directory-pw");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("displayName").asText()).isEqualTo("Lena Ledger");
        assertThat(me.json().path("workspaces")).extracting(w -> w.path("workspace").asText() + "="
                + w.path("role").asText()).containsExactly("finance=STEWARD");
        assertThat(api.get("/api/workspaces/finance/connections", uid + ":directory-pw").status()).isEqualTo(200);
        JsonNode entry = onlyEntry("login.roles", uid);
        assertThat(entry.path("details").path("created").asBoolean()).isTrue();
        assertThat(entry.path("details").path("after").path("finance").asText()).isEqualTo("STEWARD");
        assertThat(entry.path("details").path("groups").toString()).contains(group);
    }

    @Test
    void aRemovedRuleTakesItsRoleAwayAtTheNextSignIn() {
        long rule = addRule("{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"steward\"}");
        assertThat(roles()).isEqualTo("finance=STEWARD");

        assertThat(api.call("DELETE", "/api/group-rules/" + rule, "admin", null).status()).isEqualTo(204);

        assertThat(roles()).isEmpty();
        assertThat(api.get("/api/workspaces/finance/connections", uid + ":directory-pw").status()).isEqualTo(404);
        assertThat(audit("group-rule.remove", "admin").toString()).contains(group);
    }

    @Test
    void leavingTheGroupInTheDirectoryTakesTheRoleAwayToo() throws Exception {
        addRule("{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"owner\"}");
        assertThat(roles()).isEqualTo("finance=OWNER");

        TestDirectory.removeFromGroup(uid, group);

        assertThat(roles()).isEmpty();
    }

    @Test
    void theStrongestRoleWinsAndGroupNamesMatchInAnyCase() throws Exception {
        String viewers = ApiCalls.unique("Finance-Viewers");
        TestDirectory.addToGroup(uid, viewers);
        addRule("{\"group\": \"" + viewers.toLowerCase() + "\", \"workspace\": \"finance\", \"role\": \"viewer\"}");
        assertThat(roles()).isEqualTo("finance=VIEWER");

        addRule("{\"group\": \"" + group.toUpperCase() + "\", \"workspace\": \"finance\", \"role\": \"steward\"}");

        assertThat(roles()).isEqualTo("finance=STEWARD");
    }

    @Test
    void aPlatformRoleFromAGroupReplacesWorkspaceRoles() {
        addRule("{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"steward\"}");
        assertThat(api.get("/api/users", uid + ":directory-pw").status()).isEqualTo(403);

        addRule("{\"group\": \"" + group + "\", \"platformRole\": \"admin\"}");

        Response me = api.get("/api/me", uid + ":directory-pw");
        assertThat(me.json().path("platformRole").asText()).isEqualTo("ADMIN");
        assertThat(api.get("/api/users", uid + ":directory-pw").status()).isEqualTo(200);
        assertThat(api.get("/api/workspaces/finance/members", "admin").json().path("members").toString())
                .doesNotContain(uid);
    }

    @Test
    void aWrongDirectoryPasswordIsRefusedAndAudited() {
        Response refused = api.get("/api/me", uid + ":wrong");

        assertThat(refused.status()).isEqualTo(401);
        JsonNode entry = onlyEntry("login", uid);
        assertThat(entry.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(entry.path("details").path("reason").asText()).isEqualTo("BadCredentialsException");
    }

    @Test
    void aDirectoryUserNamedLikeALocalAccountIsRefusedWhileTheLocalAccountStillSignsIn() throws Exception {
        String local = ApiCalls.unique("local");
        assertThat(api.call("POST", "/api/users", "admin", "{\"username\": \"" + local
                + "\", \"password\": \"local-password\"}").status()).isEqualTo(201);
        TestDirectory.addPerson(local, "Someone Else", "their-directory-pw");

        assertThat(api.get("/api/me", local + ":their-directory-pw").status()).isEqualTo(401);
        assertThat(api.get("/api/me", local + ":local-password").status()).isEqualTo(200);
        assertThat(onlyEntry("login", local).path("details").path("reason").asText())
                .isEqualTo("DirectoryAccountRefusedException");
    }

    @Test
    void aDirectoryUsersRolesAreNotEditedByHandAndTheirPasswordIsNeverKept() {
        addRule("{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"viewer\"}");
        assertThat(roles()).isEqualTo("finance=VIEWER");

        Response edited = api.call("PUT", "/api/workspaces/finance/members/" + uid, "admin", "{\"role\": \"owner\"}");

        assertThat(edited.status()).isEqualTo(409);
        assertThat(edited.body()).contains("signs in through LDAP; their roles come from group rules");
        Response users = api.get("/api/users", "admin");
        assertThat(users.body()).contains("\"username\":\"" + uid + "\"").doesNotContain("directory-pw");
        assertThat(users.json().path("users")).filteredOn(u -> u.path("username").asText().equals(uid))
                .extracting(u -> u.path("origin").asText()).containsExactly("LDAP");
    }

    @Test
    void onlyPlatformAdminsManageGroupRulesAndBadRulesAreRefusedWithTheReason() {
        String body = "{\"group\": \"" + group + "\", \"workspace\": \"finance\", \"role\": \"steward\"}";
        assertThat(api.call("POST", "/api/group-rules", "finance", body).status()).isEqualTo(403);
        assertThat(api.get("/api/group-rules", "finance").status()).isEqualTo(403);

        assertThat(refusal("{\"group\": \"g\", \"workspace\": \"nowhere\", \"role\": \"steward\"}"))
                .isEqualTo("404 Workspace 'nowhere' does not exist or is not visible to you");
        assertThat(refusal("{\"group\": \"g\", \"workspace\": \"finance\", \"role\": \"king\"}"))
                .isEqualTo("400 role is owner, steward or viewer");
        assertThat(refusal("{\"group\": \" \", \"workspace\": \"finance\", \"role\": \"viewer\"}"))
                .startsWith("400 a group is 1 to 256 characters");
        assertThat(refusal("{\"group\": \"g\", \"platformRole\": \"admin\", \"workspace\": \"finance\"}"))
                .isEqualTo("400 a rule gives a platform role or a workspace role, not both");
        assertThat(refusal("{\"group\": \"g\"}"))
                .isEqualTo("400 give a workspace and a role (owner, steward, viewer), or a platformRole");
        addRule(body);
        assertThat(refusal(body)).isEqualTo("409 group " + group + " already has that rule");
    }

    private long addRule(String body) {
        Response added = api.call("POST", "/api/group-rules", "admin", body);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(audit("group-rule.add", "admin").toString()).contains(added.json().path("grants").asText());
        return added.json().path("id").asLong();
    }

    private String refusal(String body) {
        Response refused = api.call("POST", "/api/group-rules", "admin", body);
        return refused.status() + " " + refused.json().path("errors").get(0).path("message").asText();
    }

    /** The caller's workspace roles as "workspace=ROLE", signing in again. */
    private String roles() {
        Response me = api.get("/api/me", uid + ":directory-pw");
        assertThat(me.status()).isEqualTo(200);
        StringBuilder roles = new StringBuilder();
        me.json().path("workspaces").forEach(w -> roles.append(roles.isEmpty() ? "" : ",")
                .append(w.path("workspace").asText()).append('=').append(w.path("role").asText()));
        return roles.toString();
    }

    private JsonNode audit(String action, String actor) {
        return api.get("/api/audit?action=" + action + "&actor=" + actor, "auditor").json().path("entries");
    }

    private JsonNode onlyEntry(String action, String actor) {
        JsonNode entries = audit(action, actor);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
