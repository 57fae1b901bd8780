package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sluice.TestApplication;
import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.FlowSchema;

/**
 * The flow REST API as users script against it, the same on every backend pair (embedded H2 + broker,
 * PostgreSQL + RabbitMQ). Subclasses pick the pair. Demo users: {@code finance} (steward, finance),
 * {@code service} (steward, customer-service), {@code viewer} (viewer, finance), {@code admin}, {@code auditor}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class FlowApiContractIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void importsAFlowAndReadsAndExportsItCanonically() throws Exception {
        String name = unique("import");
        String written = flow(name, "finance", "user.created", "u1");

        Response imported = call("POST", "/api/flows/import", "finance", written);

        assertThat(imported.status()).isEqualTo(201);
        long id = imported.json().path("id").asLong();
        assertThat(imported.json().path("version").asInt()).isEqualTo(1);
        assertThat(imported.header("Location")).endsWith("/api/flows/" + id);
        assertThat(imported.header("ETag")).isEqualTo("\"1\"");

        String canonical = FlowJson.write(FlowJson.bind(FlowJson.parse(written)));
        Response read = call("GET", "/api/flows/" + id, "finance", null);
        Response exported = call("GET", "/api/flows/" + id + "/export", "finance", null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asText()).isEqualTo(name);
        assertThat(read.json().path("workspace").asText()).isEqualTo("finance");
        assertThat(read.json().path("state").asText()).isEqualTo("DRAFT");
        assertThat(read.json().path("latestVersion").asInt()).isEqualTo(1);
        assertThat(read.json().path("version").asInt()).isEqualTo(1);
        assertThat(read.json().path("savedBy").asText()).isEqualTo("finance");
        assertThat(read.json().path("updatedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(read.json().path("flow")).isEqualTo(FlowJson.parse(canonical));
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body()).isEqualTo(canonical);
        assertThat(exported.header("Content-Type")).startsWith("application/json");
        assertThat(exported.header("Content-Disposition")).contains("attachment").contains(name + ".flow.json");

        String copyName = unique("copy");
        Response copy = call("POST", "/api/flows/import", "finance", exported.body().replace(name, copyName));
        Response copyExported = call("GET", "/api/flows/" + copy.json().path("id").asLong() + "/export", "finance", null);
        assertThat(copyExported.body()).isEqualTo(canonical.replace(name, copyName));

        Response listed = call("GET", "/api/flows?workspace=finance", "finance", null);
        assertThat(listed.json().path("flows").findValuesAsText("name")).contains(name, copyName);
    }

    @Test
    void refusesAnInvalidFlowWithEveryProblemAndStoresNothing() throws Exception {
        long before = flowCount();
        String invalid = """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "no.such.source"}},
                           {"id": "odd", "kind": "nope"},
                           {"id": "out", "kind": "target.log", "config": {"colour": "red"}}],
                 "edges": [{"from": "in", "to": "out"}, {"from": "in", "to": "ghost"}],
                 "layout": {"ghost": {"x": 1, "y": 2}},
                 "tests": [{"name": "t", "input": {"specversion": "1.0", "id": "t1", "source": "/u", "type": "user.created"},
                            "expect": {"nowhere": []}}]}
                """.formatted(unique("invalid"));

        Response refused = call("POST", "/api/flows/import", "finance", invalid);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(paths(refused)).containsExactlyInAnyOrder("$.nodes[0].config.source", "$.nodes[1].kind",
                "$.nodes[2].config.colour", "$.edges[1].to", "$.layout.ghost", "$.tests[0].expect.nowhere");

        Response infinite = call("POST", "/api/flows/import", "finance",
                flow(unique("infinite"), "finance", "user.created", "u1").replace("\"x\": 200", "\"x\": 1e400"));

        assertThat(infinite.status()).isEqualTo(400);
        assertThat(paths(infinite)).containsExactly("$.layout.out.x");
        assertThat(flowCount()).isEqualTo(before);
    }

    @Test
    void refusesASecondFlowOfTheSameNameInAWorkspace() throws Exception {
        String name = unique("twice");
        call("POST", "/api/flows/import", "finance", flow(name, "finance", "user.created", "u1"));

        Response again = call("POST", "/api/flows/import", "finance", flow(name, "finance", "user.deleted", "u1"));
        Response elsewhere = call("POST", "/api/flows/import", "service", flow(name, "customer-service", "user.created", "u1"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(paths(again)).containsExactly("$.name");
        assertThat(elsewhere.status()).isEqualTo(201);
    }

    @Test
    void refusesTwoHundredMalformedFlowsWithPathsAndStoresNone() throws Exception {
        long before = flowCount();
        List<MalformedFlows.Case> cases = new MalformedFlows(flow(unique("fuzz"), "finance", "user.created", "u1"),
                20_260_611L).generate(200);
        List<String> wrong = new ArrayList<>();

        for (MalformedFlows.Case malformed : cases) {
            Response response = call("POST", "/api/flows/import", "finance", malformed.json());
            List<String> paths = response.status() < 500 ? paths(response) : List.of();
            if (response.status() < 400 || response.status() >= 500 || paths.isEmpty()
                    || paths.stream().anyMatch(path -> !path.startsWith("$"))) {
                wrong.add(malformed.mutation() + " → " + response.status() + " " + response.body());
            }
        }

        assertThat(wrong).as("malformed flows not refused with a 4xx and paths").isEmpty();
        assertThat(flowCount()).isEqualTo(before);
    }

    @Test
    void savesNewVersionsOnlyOverTheLatestOne() throws Exception {
        String name = unique("save");
        long id = importFlow(name, "finance", "user.created", "u1");
        String v2 = flow(name, "finance", "user.profile.updated", "u1");

        Response saved = call("PUT", "/api/flows/" + id + "?comment=types", "finance", v2, "If-Match", "\"1\"");
        Response stale = call("PUT", "/api/flows/" + id, "finance", v2, "If-Match", "\"1\"");
        Response missing = call("PUT", "/api/flows/" + id, "finance", v2);
        Response unquoted = call("PUT", "/api/flows/" + id, "finance", v2, "If-Match", "2");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("version").asInt()).isEqualTo(2);
        assertThat(saved.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(unquoted.status()).isEqualTo(200);
        assertThat(unquoted.json().path("version").asInt()).isEqualTo(3);
        assertThat(call("GET", "/api/flows/" + id + "/export?version=1", "finance", null).body())
                .contains("user.created");
    }

    @Test
    void letsExactlyOneOfConcurrentSavesOverTheSameVersionWin() throws Exception {
        String name = unique("race");
        long id = importFlow(name, "finance", "user.created", "u1");
        String v2 = flow(name, "finance", "user.deleted", "u1");
        List<Callable<Integer>> saves = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            saves.add(() -> call("PUT", "/api/flows/" + id, "finance", v2, "If-Match", "1").status());
        }

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(saves.size())) {
            for (Future<Integer> status : pool.invokeAll(saves)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 409, 409, 409);
        assertThat(call("GET", "/api/flows/" + id + "/versions", "finance", null).json().path("versions")).hasSize(2);
    }

    @Test
    void keepsAFlowsNameAndWorkspaceAcrossVersions() throws Exception {
        String name = unique("identity");
        long id = importFlow(name, "finance", "user.created", "u1");

        Response renamed = call("PUT", "/api/flows/" + id, "finance",
                flow(name + "-x", "finance", "user.created", "u1"), "If-Match", "1");
        Response moved = call("PUT", "/api/flows/" + id, "finance",
                flow(name, "customer-service", "user.created", "u1"), "If-Match", "1");
        Response broken = call("PUT", "/api/flows/" + id, "finance",
                flow(name, "finance", "user.created", "u1").replace("\"label\": \"it\"", "\"label\": 7"), "If-Match", "1");

        assertThat(renamed.status()).isEqualTo(400);
        assertThat(paths(renamed)).containsExactly("$.name");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(paths(moved)).containsExactly("$.workspace");
        assertThat(paths(broken)).containsExactly("$.nodes[1].config.label");
        assertThat(call("GET", "/api/flows/" + id, "finance", null).json().path("latestVersion").asInt()).isEqualTo(1);
    }

    @Test
    void listsVersionsAndDiffsThemStructurally() throws Exception {
        String name = unique("history");
        long id = importFlow(name, "finance", "user.created", "u1");
        String v2 = flow(name, "finance", "user.profile.updated", "u1");
        call("PUT", "/api/flows/" + id + "?comment=only%20updates", "finance", v2, "If-Match", "1");
        call("PUT", "/api/flows/" + id, "finance", v2.replace("\"x\": 200", "\"x\": 320"), "If-Match", "2");

        Response versions = call("GET", "/api/flows/" + id + "/versions", "finance", null);
        Response diff = call("GET", "/api/flows/" + id + "/diff?from=1&to=2", "finance", null);
        Response latest = call("GET", "/api/flows/" + id + "/diff", "finance", null);
        Response absent = call("GET", "/api/flows/" + id + "/diff?from=1&to=9", "finance", null);

        assertThat(versions.json().path("versions").findValuesAsText("author")).containsExactly("finance", "finance", "finance");
        assertThat(versions.json().path("versions").get(1).path("comment").asText()).isEqualTo("only updates");
        assertThat(versions.json().path("versions").get(2).path("version").asInt()).isEqualTo(3);
        JsonNode change = diff.json().path("nodes").path("changed").get(0).path("changes").get(0);
        assertThat(change.path("path").asText()).isEqualTo("$.nodes[id=in].config.types[0]");
        assertThat(change.path("old").asText()).isEqualTo("user.created");
        assertThat(change.path("new").asText()).isEqualTo("user.profile.updated");
        assertThat(diff.json().path("tests").path("changed").get(0).path("changes").get(0).path("path").asText())
                .isEqualTo("$.tests[name='passes'].input.type");
        assertThat(latest.json().path("from").asInt()).isEqualTo(2);
        assertThat(latest.json().path("to").asInt()).isEqualTo(3);
        assertThat(latest.json().path("layoutOnly").asBoolean()).isTrue();
        assertThat(latest.json().path("layout").get(0).path("path").asText()).isEqualTo("$.layout.out");
        assertThat(absent.status()).isEqualTo(404);
    }

    @Test
    void hidesAWorkspacesFlowsFromOtherWorkspaces() throws Exception {
        long id = importFlow(unique("private"), "finance", "user.created", "u1");
        String flowPath = "/api/flows/" + id;
        String body = flow(unique("private"), "finance", "user.created", "u1");

        assertThat(call("GET", flowPath, "service", null).status()).isEqualTo(404);
        assertThat(call("GET", flowPath + "/export", "service", null).status()).isEqualTo(404);
        assertThat(call("GET", flowPath + "/versions", "service", null).status()).isEqualTo(404);
        assertThat(call("GET", flowPath + "/diff?from=1&to=1", "service", null).status()).isEqualTo(404);
        assertThat(call("POST", flowPath + "/test", "service", null).status()).isEqualTo(404);
        assertThat(call("PUT", flowPath, "service", body, "If-Match", "1").status()).isEqualTo(404);
        assertThat(call("DELETE", flowPath, "service", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/flows/import", "service", body).status()).isEqualTo(404);
        assertThat(call("GET", "/api/flows", "service", null).json().path("flows").findValuesAsText("workspace"))
                .doesNotContain("finance");
        assertThat(call("GET", "/api/flows?workspace=finance", "service", null).json().path("flows")).isEmpty();
        assertThat(call("GET", "/api/flows/999999999", "service", null).body())
                .isEqualTo(call("GET", flowPath, "service", null).body().replace(String.valueOf(id), "999999999"));
    }

    @Test
    void letsAViewerReadButNotChangeFlows() throws Exception {
        String name = unique("viewed");
        long id = importFlow(name, "finance", "user.created", "u1");
        String flowPath = "/api/flows/" + id;

        assertThat(call("GET", flowPath, "viewer", null).status()).isEqualTo(200);
        assertThat(call("GET", flowPath + "/export", "viewer", null).status()).isEqualTo(200);
        assertThat(call("GET", flowPath + "/versions", "viewer", null).status()).isEqualTo(200);
        assertThat(call("POST", flowPath + "/test", "viewer", null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/flows", "viewer", null).json().path("flows").findValuesAsText("name")).contains(name);
        assertThat(call("PUT", flowPath, "viewer", flow(name, "finance", "user.deleted", "u1"), "If-Match", "1").status())
                .isEqualTo(403);
        assertThat(call("DELETE", flowPath, "viewer", null).status()).isEqualTo(403);
        Response imported = call("POST", "/api/flows/import", "viewer", flow(unique("by-viewer"), "finance", "user.created", "u1"));
        assertThat(imported.status()).isEqualTo(403);
        assertThat(paths(imported)).containsExactly("$.workspace");
    }

    @Test
    void showsPlatformAdminsTheFlowListOnlyAndAuditorsNothing() throws Exception {
        String name = unique("platform");
        long id = importFlow(name, "finance", "user.created", "u1");

        Response adminList = call("GET", "/api/flows", "admin", null);

        assertThat(adminList.status()).isEqualTo(200);
        assertThat(adminList.json().path("flows").findValuesAsText("name")).contains(name);
        assertThat(adminList.body()).doesNotContain("\"tests\"").doesNotContain("user.created");
        assertThat(call("GET", "/api/flows/" + id, "admin", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/flows/" + id + "/export", "admin", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/flows", "auditor", null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/flows/" + id, "auditor", null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/flows/" + id + "/test", "auditor", null).status()).isEqualTo(403);
    }

    @Test
    void runsAFlowOnSampleEventsInOrder() throws Exception {
        String request = """
                {"flow": %s,
                 "events": [
                   {"specversion": "1.0", "id": "e1", "source": "/users", "type": "user.created", "data": {"userId": "u1"}},
                   {"specversion": "1.0", "id": "e2", "source": "/users", "type": "user.deleted", "data": {}},
                   42,
                   {"id": "e4"}]}
                """.formatted(flow(unique("dry"), "finance", "user.created", "u1"));

        Response response = call("POST", "/api/flows/dry-run", "finance", request);

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().path("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).path("eventId").asText()).isEqualTo("e1");
        assertThat(results.get(0).path("targets").path("out").get(0).path("data").path("userId").asText()).isEqualTo("u1");
        assertThat(results.get(1).path("steps").get(0).path("dropped").asBoolean()).isTrue();
        assertThat(results.get(1).path("targets").path("out")).isEmpty();
        assertThat(results.get(2).path("steps").get(0).path("error").asText()).contains("JSON object");
        assertThat(results.get(3).path("eventId").asText()).isEqualTo("e4");
        assertThat(results.get(3).path("steps").get(0).path("error").asText()).contains("$.specversion is required");
    }

    @Test
    void runsScriptAndTemplateNodesInTheSandboxDuringADryRun() throws Exception {
        String request = """
                {"flow": {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                  "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                            {"id": "js", "kind": "script", "config": {"code":
                              "function process(event) { if (event.data.loop) { while (true) {} } event.data.userId = event.data.userId.toUpperCase(); return event; }"}},
                            {"id": "card", "kind": "template", "config": {"template": "{\\"who\\": $json.quote($data.userId)}"}},
                            {"id": "out", "kind": "target.log"}],
                  "edges": [{"from": "in", "to": "js"}, {"from": "js", "to": "card"}, {"from": "card", "to": "out"}]},
                 "events": [
                   {"specversion": "1.0", "id": "s1", "source": "/users", "type": "user.created", "data": {"userId": "u\\"1"}},
                   {"specversion": "1.0", "id": "s2", "source": "/users", "type": "user.created", "data": {"userId": "u2", "loop": true}}]}
                """.formatted(unique("sandboxed"));

        Response response = call("POST", "/api/flows/dry-run", "finance", request);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = response.json().path("results");
        assertThat(results.get(0).path("targets").path("out").get(0).path("data").path("who").asText()).isEqualTo("U\"1");
        assertThat(results.get(1).path("failedAt").asText()).isEqualTo("js");
        assertThat(results.get(1).path("targets").path("out")).isEmpty();
    }

    @Test
    void refusesADryRunOfAnInvalidFlowOrAnotherWorkspacesFlow() throws Exception {
        String broken = flow(unique("dry"), "finance", "user.created", "u1").replace("\"label\": \"it\"", "\"label\": 7");

        Response invalid = call("POST", "/api/flows/dry-run", "finance", "{\"flow\": " + broken + ", \"events\": []}");
        Response shapeless = call("POST", "/api/flows/dry-run", "finance", "[1]");
        Response foreign = call("POST", "/api/flows/dry-run", "service",
                "{\"flow\": " + flow(unique("dry"), "finance", "user.created", "u1") + ", \"events\": []}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(paths(invalid)).containsExactly("$.flow.nodes[1].config.label");
        assertThat(shapeless.status()).isEqualTo(400);
        assertThat(paths(shapeless)).containsExactly("$.flow", "$.events");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(paths(foreign)).containsExactly("$.flow.workspace");
    }

    @Test
    void runsAVersionsStoredTests() throws Exception {
        String name = unique("tested");
        long id = importFlow(name, "finance", "user.created", "u1");
        call("PUT", "/api/flows/" + id, "finance",
                flow(name, "finance", "user.created", "u1").replace("\"userId\": \"u1\"}}]", "\"userId\": \"u2\"}}]"),
                "If-Match", "1");

        Response failing = call("POST", "/api/flows/" + id + "/test", "finance", null);
        Response passing = call("POST", "/api/flows/" + id + "/test?version=1", "finance", null);

        assertThat(failing.status()).isEqualTo(200);
        assertThat(failing.json().path("version").asInt()).isEqualTo(2);
        assertThat(failing.json().path("passed").asBoolean()).isFalse();
        assertThat(failing.json().path("results").get(0).path("failures").get(0).asText())
                .contains("$.expect.out[0].data.userId");
        assertThat(passing.json().path("passed").asBoolean()).isTrue();
        assertThat(passing.json().path("results").get(0).path("name").asText()).isEqualTo("passes");
    }

    @Test
    void deletesAFlowWithItsVersionsButNotWhileDeployed() throws Exception {
        long id = importFlow(unique("deleted"), "finance", "user.created", "u1");
        long deployed = importFlow(unique("deployed"), "finance", "user.created", "u1");
        jdbc.update("update flows set deployed_version = 1, state = 'DEPLOYED' where id = ?", deployed);

        Response deleted = call("DELETE", "/api/flows/" + id, "finance", null);
        Response refused = call("DELETE", "/api/flows/" + deployed, "finance", null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(call("GET", "/api/flows/" + id, "finance", null).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from flow_versions where flow_id = ?", Long.class, id)).isZero();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(call("GET", "/api/flows/" + deployed, "finance", null).json().path("deployedVersion").asInt())
                .isEqualTo(1);
    }

    @Test
    void answersUnknownIdsAndBadParametersInTheErrorFormat() throws Exception {
        assertThat(call("GET", "/api/flows/not-a-number", "finance", null).status()).isEqualTo(404);
        Response badVersion = call("GET", "/api/flows/1/export?version=latest", "finance", null);
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(paths(badVersion)).containsExactly("$");
        Response notJson = call("POST", "/api/flows/import", "finance", "{\"schemaVersion\": 1,");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(paths(notJson)).containsExactly("$");
    }

    @Test
    void publishesTheNodeKindsAndTheFlowSchema() throws Exception {
        Response kinds = call("GET", "/api/node-kinds", "finance", null);
        Response schema = call("GET", "/api/schemas/flow", null, null);

        assertThat(kinds.status()).isEqualTo(200);
        assertThat(kinds.json().path("kinds").findValuesAsText("id")).contains("source", "target.log");
        JsonNode source = kinds.json().path("kinds").get(0);
        assertThat(source.path("role").asText()).isEqualTo("SOURCE");
        assertThat(source.path("configSchema").path("required").get(0).asText()).isEqualTo("source");
        assertThat(source.path("example").path("source").asText()).isEqualTo("user-center.users");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.body()).isEqualTo(Files.readString(
                Path.of("src/main/resources", FlowSchema.COMMITTED), StandardCharsets.UTF_8));
        assertThat(call("GET", "/api/node-kinds", null, null).status()).isEqualTo(401);
    }

    /** A valid flow: source {@code in} (one type) → target.log {@code out}, laid out, with one test that passes. */
    static String flow(String name, String workspace, String type, String userId) {
        return """
                {"workspace": "%s", "name": "%s", "schemaVersion": 1, "description": "A flow for tests",
                 "nodes": [{"id": "in", "kind": "source", "config": {"types": ["%s"], "source": "user-center.users"}},
                           {"id": "out", "kind": "target.log", "config": {"label": "it"}}],
                 "edges": [{"from": "in", "to": "out"}],
                 "layout": {"out": {"x": 200, "y": 20}, "in": {"x": 10, "y": 20}},
                 "tests": [{"name": "passes",
                            "input": {"specversion": "1.0", "id": "t1", "source": "/users", "type": "%s",
                                      "data": {"userId": "%s"}},
                            "expect": {"out": [{"data": {"userId": "u1"}}]}}]}
                """.formatted(workspace, name, type, type, userId);
    }

    private long importFlow(String name, String workspace, String type, String userId) throws Exception {
        Response imported = call("POST", "/api/flows/import", "finance", flow(name, workspace, type, userId));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return imported.json().path("id").asLong();
    }

    private long flowCount() {
        return jdbc.queryForObject("select count(*) from flows", Long.class);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> paths(Response response) {
        return response.json().path("errors").findValuesAsText("path");
    }

    Response call(String method, String path, String user, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo-it").getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }

    record Response(int status, String body, HttpResponse<String> raw) {

        JsonNode json() {
            return FlowJson.parse(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
