package dev.sluice.flowstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * Drafts kept on the server and flows renamed, the same on every backend pair: a draft is its user's alone, holds
 * invalid work, goes when its user saves or discards, and says when someone saved a version since; a rename keeps
 * the flow's id and history and is audited.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class FlowDraftsContractIT {

    /** Not a flow one could save: no target, and a filter without its pattern. */
    static final String INVALID = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance", "nodes": [
              {"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
              {"id": "f", "kind": "filter", "config": {}}], "edges": [{"from": "in", "to": "f"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    FlowStore store;

    @Autowired
    FlowDrafts drafts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WorkspaceAdministration administration;

    ApiCalls api;
    String name;
    long flowId;
    String colleague;

    @BeforeEach
    void aFinanceFlowAndASecondSteward() {
        api = new ApiCalls(port, "demo-it");
        name = ApiCalls.unique("drafted");
        flowId = store.importFlow("finance", ApiCalls.flow(name, "finance", "user.created"), "fixture").id();
        colleague = ApiCalls.unique("steward");
        administration.createUser(colleague, "Colleague", "demo-it", null);
        administration.addMember(colleague, "finance", WorkspaceRole.STEWARD);
    }

    @Test
    void keepsAnInvalidDraftForItsUserOnly() {
        drafts.keep("finance", flowId, 1, INVALID.formatted(name));

        FlowDraftCopy kept = drafts.find("finance", flowId).orElseThrow();
        assertThat(kept.document()).isEqualTo(INVALID.formatted(name));
        assertThat(kept.baseVersion()).isEqualTo(1);
        assertThat(kept.outdated()).isFalse();
        assertThat(kept.savedAt()).isNotNull();
        assertThat(drafts.find(colleague, flowId)).as("another user's draft").isEmpty();
    }

    @Test
    void keepingAgainReplacesTheDraft() {
        drafts.keep("finance", flowId, 1, "{\"first\": true}");
        drafts.keep("finance", flowId, 1, "{\"second\": true}");

        assertThat(drafts.find("finance", flowId).orElseThrow().document()).isEqualTo("{\"second\": true}");
        assertThat(jdbc.queryForObject("select count(*) from flow_drafts where flow_id = ?", Long.class, flowId))
                .isEqualTo(1);
    }

    @Test
    void savingAVersionRemovesTheSaversDraftAndNoOneElses() {
        drafts.keep("finance", flowId, 1, INVALID.formatted(name));
        drafts.keep(colleague, flowId, 1, "{\"mine\": true}");

        store.save("finance", flowId, 1, ApiCalls.flow(name, "finance", "user.deleted"), "saved");

        assertThat(drafts.find("finance", flowId)).isEmpty();
        assertThat(drafts.find(colleague, flowId)).isPresent();
    }

    @Test
    void aDraftMadeOnAVersionSomeoneSavedOverSaysSo() {
        drafts.keep("finance", flowId, 1, INVALID.formatted(name));

        store.save(colleague, flowId, 1, ApiCalls.flow(name, "finance", "user.deleted"), "theirs");

        FlowDraftCopy kept = drafts.find("finance", flowId).orElseThrow();
        assertThat(kept.outdated()).isTrue();
        assertThat(kept.baseVersion()).isEqualTo(1);
        assertThat(kept.latestVersion()).isEqualTo(2);
        assertThat(kept.latestSavedBy()).isEqualTo(colleague);
    }

    @Test
    void discardingRemovesTheDraftAndNeitherIsAudited() {
        long audited = auditEntries();
        drafts.keep("finance", flowId, 1, INVALID.formatted(name));
        drafts.discard("finance", flowId);

        assertThat(drafts.find("finance", flowId)).isEmpty();
        assertThat(auditEntries()).isEqualTo(audited);
    }

    @Test
    void viewersKeepNoDrafts() {
        assertThatThrownBy(() -> drafts.keep("viewer", flowId, 1, "{}"))
                .isInstanceOfSatisfying(FlowStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(FlowStoreException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> drafts.keep("service", flowId, 1, "{}"))
                .isInstanceOfSatisfying(FlowStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(FlowStoreException.Reason.NOT_FOUND));
    }

    @Test
    void deletingAFlowDeletesItsDrafts() {
        drafts.keep("finance", flowId, 1, INVALID.formatted(name));

        store.delete("finance", flowId);

        assertThat(jdbc.queryForObject("select count(*) from flow_drafts where flow_id = ?", Long.class, flowId))
                .isZero();
    }

    @Test
    void renamingKeepsIdAndHistoryAndIsAudited() {
        store.save("finance", flowId, 1, ApiCalls.flow(name, "finance", "user.deleted"), "second");
        String renamed = ApiCalls.unique("renamed");

        Response patched = api.call("PATCH", "/api/flows/" + flowId, "finance", "{\"name\": \"" + renamed + "\"}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("id").asLong()).isEqualTo(flowId);
        assertThat(patched.json().path("name").asText()).isEqualTo(renamed);
        Response read = api.get("/api/flows/" + flowId, "finance");
        assertThat(read.json().path("name").asText()).isEqualTo(renamed);
        assertThat(read.json().path("flow").path("name").asText()).as("the document carries the new name")
                .isEqualTo(renamed);
        assertThat(store.versions("finance", flowId)).hasSize(2);
        store.save("finance", flowId, 2, ApiCalls.flow(renamed, "finance", "user.created"), "after the rename");
        Response audited = api.get("/api/audit?action=flow.rename&objectId=" + flowId, "auditor");
        assertThat(audited.json().path("entries")).hasSize(1);
        assertThat(audited.body()).contains(name).contains(renamed);
    }

    @Test
    void renamingRefusesATakenOrMalformedNameAndViewers() {
        String other = ApiCalls.unique("taken");
        store.importFlow("finance", ApiCalls.flow(other, "finance", "user.created"), "fixture");

        Response taken = api.call("PATCH", "/api/flows/" + flowId, "finance", "{\"name\": \"" + other + "\"}");
        Response malformed = api.call("PATCH", "/api/flows/" + flowId, "finance", "{\"name\": \"Has Spaces\"}");
        Response viewer = api.call("PATCH", "/api/flows/" + flowId, "viewer", "{\"name\": \"by-viewer\"}");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("errors").path(0).path("path").asText()).isEqualTo("$.name");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").path(0).path("path").asText()).isEqualTo("$.name");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(api.get("/api/flows/" + flowId, "finance").json().path("name").asText()).isEqualTo(name);
    }

    private long auditEntries() {
        return jdbc.queryForObject("select count(*) from audit_log", Long.class);
    }
}
