package dev.sluice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * The audit log on every backend pair: what is recorded, who reads it, paging, CSV, and an intact chain under
 * concurrent appends. Subclasses pick the pair and add what only that pair can show (tampering on H2, the
 * append-only triggers on PostgreSQL).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class AuditLogContractIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    WorkspaceAdministration administration;

    @Autowired
    ApplicationEventPublisher events;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void recordsImportSaveExportPreviewDeployAndUndeployWithTheVersionDiff() {
        String name = ApiCalls.unique("audited");
        Response imported = api.call("POST", "/api/flows/import", "finance", ApiCalls.flow(name, "finance",
                "user.created"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long id = imported.json().path("id").asLong();
        String changed = ApiCalls.flow(name, "finance", "user.created").replace("\"label\": \"it\"",
                "\"label\": \"ledger\"");
        Response save = api.call("PUT", "/api/flows/" + id, "finance", changed, "If-Match", "\"1\"");
        assertThat(save.status()).as(save.body()).isEqualTo(200);
        assertThat(api.get("/api/flows/" + id + "/export", "finance").status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/flows/dry-run", "finance", "{\"flow\": " + changed
                + ", \"events\": [{\"specversion\": \"1.0\", \"id\": \"d1\", \"source\": \"/u\", "
                + "\"type\": \"user.created\", \"data\": {\"userId\": \"u9\"}}]}").status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{\"version\": 2}").status())
                .isEqualTo(200);
        assertThat(api.call("POST", "/api/flows/" + id + "/undeploy", "finance", null).status()).isEqualTo(200);

        Response log = api.get("/api/audit?workspace=finance&objectType=flow&objectId=" + id + "&size=20", "auditor");

        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        log.json().path("entries").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).containsExactly("flow.undeploy", "flow.deploy", "flow.export", "flow.save",
                "flow.import");
        JsonNode saved = entry(log, "flow.save");
        assertThat(saved.path("actor").asText()).isEqualTo("finance");
        assertThat(saved.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(saved.path("details").path("version").asInt()).isEqualTo(2);
        JsonNode change = saved.path("details").path("diff").path("nodes").path("changed").get(0);
        assertThat(change.path("id").asText()).isEqualTo("out");
        assertThat(change.path("changes").get(0).path("new").asText()).isEqualTo("ledger");
        assertThat(entry(log, "flow.deploy").path("details").path("version").asInt()).isEqualTo(2);
        assertThat(log.body()).doesNotContain("secret-value@example.com");

        Response preview = api.get("/api/audit?action=flow.preview&objectId=" + name, "auditor");
        assertThat(preview.json().path("entries").get(0).path("details").path("events").asInt()).isEqualTo(1);
        assertThat(preview.body()).doesNotContain("u9");
    }

    @Test
    void recordsFailedLoginsUnderTheNameTried() {
        String name = ApiCalls.unique("nobody");

        assertThat(api.get("/api/me", name + ":wrong").status()).isEqualTo(401);

        Response log = api.get("/api/audit?action=login&actor=" + name, "auditor");
        assertThat(log.json().path("entries")).hasSize(1);
        assertThat(log.json().path("entries").get(0).path("outcome").asText()).isEqualTo("FAILURE");
    }

    @Test
    void recordsFormSignIns() {
        String name = ApiCalls.unique("signed-in");

        events.publishEvent(new InteractiveAuthenticationSuccessEvent(
                UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()), getClass()));

        Response log = api.get("/api/audit?action=login&actor=" + name, "auditor");
        assertThat(log.json().path("entries")).hasSize(1);
        assertThat(log.json().path("entries").get(0).path("outcome").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void letsAuditorsAndAdminsReadAllOwnersTheirWorkspaceAndNobodyElse() {
        String workspace = ApiCalls.unique("ws");
        String owner = workspace + "-owner";
        administration.createWorkspace(workspace, "Test", null);
        administration.createUser(owner, "Owner", "demo-it", null);
        administration.addMember(owner, workspace, WorkspaceRole.OWNER);
        audit.record(AuditRecord.success("someone", workspace, "test.owned", "test", 1, Map.of()));
        audit.record(AuditRecord.success("someone", "finance", "test.other", "test", 2, Map.of()));

        assertThat(api.get("/api/audit", "auditor").status()).isEqualTo(200);
        assertThat(api.get("/api/audit", "admin").status()).isEqualTo(200);
        assertThat(api.get("/api/audit", "finance").status()).isEqualTo(403);
        assertThat(api.get("/api/audit", "viewer").status()).isEqualTo(403);
        assertThat(api.get("/api/audit", null).status()).isEqualTo(401);
        Response own = api.get("/api/audit?size=500", owner);
        assertThat(own.status()).isEqualTo(200);
        own.json().path("entries").forEach(e -> assertThat(e.path("workspace").asText()).isEqualTo(workspace));
        assertThat(own.json().path("entries").findValuesAsText("action")).contains("test.owned")
                .doesNotContain("test.other");
        assertThat(api.get("/api/audit?workspace=finance", owner).status()).isEqualTo(403);
        assertThat(api.get("/api/audit.csv?workspace=finance", owner).status()).isEqualTo(403);
        assertThat(api.get("/api/audit/verify", owner).status()).isEqualTo(403);
        assertThat(api.get("/api/audit/verify", "finance").status()).isEqualTo(403);
        assertThat(api.get("/api/audit/verify", "auditor").status()).isEqualTo(200);
        Response denials = api.get("/api/audit?action=request.denied&actor=" + owner, "auditor");
        assertThat(denials.json().path("entries").findValuesAsText("objectId")).contains("GET /api/audit/verify");
        assertThat(denials.json().path("entries").findValuesAsText("outcome")).containsOnly("DENIED");
    }

    @Test
    void pagesNewestFirstAndFiltersByTimeRange() {
        String actor = ApiCalls.unique("pager");
        for (int i = 0; i < 5; i++) {
            audit.record(AuditRecord.success(actor, null, "test.page", "test", i, Map.of()));
        }

        Response first = api.get("/api/audit?actor=" + actor + "&size=2&page=0", "auditor");
        Response third = api.get("/api/audit?actor=" + actor + "&size=2&page=2", "auditor");
        Response future = api.get("/api/audit?actor=" + actor + "&from=2999-01-01T00:00:00Z", "auditor");

        assertThat(first.json().path("total").asLong()).isEqualTo(5);
        assertThat(first.json().path("entries").findValuesAsText("objectId")).containsExactly("4", "3");
        assertThat(third.json().path("entries").findValuesAsText("objectId")).containsExactly("0");
        assertThat(future.json().path("total").asLong()).isZero();
        assertThat(api.get("/api/audit?from=yesterday", "auditor").status()).isEqualTo(400);
    }

    @Test
    void exportsTheFilteredSetAsCsvAndRecordsTheExport() {
        String actor = ApiCalls.unique("csv");
        audit.record(AuditRecord.success(actor, "finance", "test.csv", "test", "a,b", Map.of("note", "=1+2")));

        Response csv = api.get("/api/audit.csv?actor=" + actor, "auditor");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,time,actor,workspace,action");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(actor + ",finance,test.csv,test,\"a,b\",SUCCESS");
        Response exports = api.get("/api/audit?action=audit.export&actor=auditor&size=1", "auditor");
        assertThat(exports.json().path("entries").get(0).path("details").path("filters").path("actor").asText())
                .isEqualTo(actor);
    }

    @Test
    void keepsTheChainIntactUnderConcurrentAppends() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        audit.record(AuditRecord.success("writer-" + thread, null, "test.concurrent", "test", i,
                                Map.of()));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        AuditVerification result = audit.verify("auditor");

        assertThat(result.firstBad()).isNull();
        assertThat(result.ok()).isTrue();
        assertThat(result.entries()).isEqualTo(jdbc.queryForObject("select max(id) from audit_log", Long.class));
    }

    static JsonNode entry(Response log, String action) {
        for (JsonNode e : log.json().path("entries")) {
            if (e.path("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + log.body());
    }
}
