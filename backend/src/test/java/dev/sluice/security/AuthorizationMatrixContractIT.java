package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Every role × every REST call × an object of the caller's own workspace ({@code finance}) and of another
 * ({@code customer-service}): the expected status of each cell, all asserted. Roles: platform admin, auditor,
 * finance owner, finance steward, finance viewer, and the customer-service steward (for whom finance is the
 * other workspace). Denials of another workspace's objects are 404, never a hint that they exist. Run on both
 * backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class AuthorizationMatrixContractIT {

    /** How the caller stands to the object's workspace. */
    enum Relation { ADMIN, AUDITOR, OWNER, STEWARD, VIEWER, NONE }

    enum Role {
        ADMIN("admin"), AUDITOR("auditor"), OWNER("fin-owner"), STEWARD("finance"), VIEWER("viewer"),
        OTHER_STEWARD("service");

        final String user;

        Role(String user) {
            this.user = user;
        }

        Relation to(String workspace) {
            return switch (this) {
                case ADMIN -> Relation.ADMIN;
                case AUDITOR -> Relation.AUDITOR;
                case OWNER -> workspace.equals("finance") ? Relation.OWNER : Relation.NONE;
                case STEWARD -> workspace.equals("finance") ? Relation.STEWARD : Relation.NONE;
                case VIEWER -> workspace.equals("finance") ? Relation.VIEWER : Relation.NONE;
                case OTHER_STEWARD -> workspace.equals("customer-service") ? Relation.STEWARD : Relation.NONE;
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceAdministration administration;

    ApiCalls api;
    final Map<String, Long> deployedFlow = new LinkedHashMap<>();
    final Map<String, String> source = Map.of("finance", "fin.events", "customer-service", "cs.events");
    final Map<String, String> owner = Map.of("finance", "fin-owner", "customer-service", "cs-owner");

    @BeforeAll
    void fixtures() throws Exception {
        api = new ApiCalls(port, "demo-it");
        administration.createUser("fin-owner", "Finance owner", "demo-it", null);
        administration.addMember("fin-owner", "finance", WorkspaceRole.OWNER);
        administration.createUser("cs-owner", "Service owner", "demo-it", null);
        administration.addMember("cs-owner", "customer-service", WorkspaceRole.OWNER);
        for (String workspace : List.of("finance", "customer-service")) {
            long id = importFlow(workspace);
            assertThat(api.call("POST", "/api/flows/" + id + "/deploy", owner.get(workspace), null).status())
                    .isEqualTo(200);
            deployedFlow.put(workspace, id);
            Response registered = api.call("POST", "/api/sources", "admin", "{\"name\": \"" + source.get(workspace)
                    + "\", \"owner\": \"" + workspace + "\", \"eventTypes\": [\"thing.happened\"]}");
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        // the engine declares a deployed flow's queues on its own thread; wait until dead letters can be read
        for (String workspace : deployedFlow.keySet()) {
            long deadline = System.currentTimeMillis() + 15_000;
            while (api.get("/api/flows/" + deployedFlow.get(workspace) + "/dead-letters", owner.get(workspace))
                    .status() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    /** One REST call against an object of {@code workspace}, and the status each relation must get. */
    record Call(String name, Function<String, Response> send, Map<Relation, Integer> expected) {
    }

    private static Map<Relation, Integer> expect(int admin, int auditor, int owner, int steward, int viewer,
                                                 int none) {
        return Map.of(Relation.ADMIN, admin, Relation.AUDITOR, auditor, Relation.OWNER, owner,
                Relation.STEWARD, steward, Relation.VIEWER, viewer, Relation.NONE, none);
    }

    private final ThreadLocal<String> caller = new ThreadLocal<>();

    private Response as(String method, String path, String body, String... headers) {
        return api.call(method, path, caller.get(), body, headers);
    }

    List<Call> calls() {
        // flow content is for members: platform users are refused (403) whatever the flow
        Map<Relation, Integer> readFlow = expect(403, 403, 200, 200, 200, 404);
        Map<Relation, Integer> writeFlow = expect(403, 403, 200, 200, 403, 404);
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET /api/flows/{id}", ws -> as("GET", "/api/flows/" + deployedFlow.get(ws), null),
                readFlow));
        calls.add(new Call("GET /api/flows/{id}/export",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/export", null), readFlow));
        calls.add(new Call("GET /api/flows/{id}/versions",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/versions", null), readFlow));
        calls.add(new Call("GET /api/flows/{id}/diff",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/diff?from=1&to=1", null), readFlow));
        calls.add(new Call("POST /api/flows/{id}/test",
                ws -> as("POST", "/api/flows/" + deployedFlow.get(ws) + "/test", null), readFlow));
        calls.add(new Call("GET /api/flows/{id}/status",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/status", null), readFlow));
        calls.add(new Call("GET /api/flows/{id}/dead-letters",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/dead-letters", null), readFlow));
        calls.add(new Call("POST /api/flows/{id}/dead-letters/replay",
                ws -> as("POST", "/api/flows/" + deployedFlow.get(ws) + "/dead-letters/replay", "{\"ids\": [\"none\"]}"),
                writeFlow));
        calls.add(new Call("PUT /api/flows/{id}", ws -> {
            long id = importFlow(ws);
            return as("PUT", "/api/flows/" + id, flowJson(ws, "renamed-" + id).replace("renamed-" + id,
                    name(id, ws)), "If-Match", "\"1\"");
        }, writeFlow));
        calls.add(new Call("POST /api/flows/{id}/deploy", ws -> {
            long id = importFlow(ws);
            Response deployed = as("POST", "/api/flows/" + id + "/deploy", null);
            if (deployed.status() == 200) {
                api.call("POST", "/api/flows/" + id + "/undeploy", owner.get(ws), null);
            }
            return deployed;
        }, writeFlow));
        calls.add(new Call("POST /api/flows/{id}/undeploy (not deployed: 409 when allowed)",
                ws -> as("POST", "/api/flows/" + importFlow(ws) + "/undeploy", null),
                expect(403, 403, 409, 409, 403, 404)));
        calls.add(new Call("POST /api/flows/{id}/pause (not deployed: 409 when allowed)",
                ws -> as("POST", "/api/flows/" + importFlow(ws) + "/pause", null),
                expect(403, 403, 409, 409, 403, 404)));
        calls.add(new Call("DELETE /api/flows/{id}", ws -> as("DELETE", "/api/flows/" + importFlow(ws), null),
                expect(403, 403, 204, 204, 403, 404)));
        calls.add(new Call("POST /api/flows/import", ws -> as("POST", "/api/flows/import",
                flowJson(ws, ApiCalls.unique("imp"))), expect(403, 403, 201, 201, 403, 404)));
        calls.add(new Call("POST /api/flows/dry-run", ws -> as("POST", "/api/flows/dry-run",
                "{\"flow\": " + flowJson(ws, "dry") + ", \"events\": []}"), readFlow));
        calls.add(new Call("GET /api/workspaces/{ws}/secrets",
                ws -> as("GET", "/api/workspaces/" + ws + "/secrets", null), expect(404, 404, 200, 200, 403, 404)));
        calls.add(new Call("POST /api/workspaces/{ws}/secrets", ws -> as("POST", "/api/workspaces/" + ws + "/secrets",
                "{\"name\": \"" + ApiCalls.unique("s") + "\", \"value\": \"v\"}"), expect(404, 404, 201, 403, 403, 404)));
        calls.add(new Call("PUT /api/workspaces/{ws}/secrets/{name}", ws -> {
            String name = secret(ws);
            return as("PUT", "/api/workspaces/" + ws + "/secrets/" + name, "{\"value\": \"w\"}");
        }, expect(404, 404, 200, 403, 403, 404)));
        calls.add(new Call("DELETE /api/workspaces/{ws}/secrets/{name}",
                ws -> as("DELETE", "/api/workspaces/" + ws + "/secrets/" + secret(ws), null),
                expect(404, 404, 204, 403, 403, 404)));
        calls.add(new Call("GET /api/workspaces/{ws}/connections",
                ws -> as("GET", "/api/workspaces/" + ws + "/connections", null), expect(200, 404, 200, 200, 200, 404)));
        calls.add(new Call("POST /api/workspaces/{ws}/connections", ws -> as("POST", "/api/workspaces/" + ws
                + "/connections", "{\"name\": \"" + ApiCalls.unique("c") + "\", \"kind\": \"http\", "
                + "\"url\": \"https://hooks.example.com/in\"}"), expect(201, 404, 201, 403, 403, 404)));
        calls.add(new Call("PUT /api/workspaces/{ws}/connections/{name}", ws -> as("PUT", "/api/workspaces/" + ws
                + "/connections/" + connection(ws), "{\"kind\": \"http\", \"url\": \"https://hooks.example.com/v2\"}"),
                expect(200, 404, 200, 403, 403, 404)));
        calls.add(new Call("DELETE /api/workspaces/{ws}/connections/{name}", ws -> as("DELETE", "/api/workspaces/" + ws
                + "/connections/" + connection(ws), null), expect(204, 404, 204, 403, 403, 404)));
        calls.add(new Call("POST /api/workspaces/{ws}/connections/{name}/check", ws -> as("POST", "/api/workspaces/"
                + ws + "/connections/" + connection(ws) + "/check", null), expect(200, 404, 200, 200, 403, 404)));
        // the platform broker's namespace: a workspace publishes into ws.<itself>.* and never into another's source
        calls.add(new Call("POST /api/flows/import publishing into ws.{ws}.*", ws -> as("POST", "/api/flows/import",
                publishingTo(ws, "ws." + ws + ".out")), expect(403, 403, 201, 201, 403, 404)));
        calls.add(new Call("POST /api/flows/import publishing into the other workspace's source", ws -> as("POST",
                "/api/flows/import", publishingTo(ws, source.get(ws.equals("finance") ? "customer-service" : "finance"))),
                expect(403, 403, 400, 400, 403, 404)));
        calls.add(new Call("GET /api/workspaces/{ws}/members",
                ws -> as("GET", "/api/workspaces/" + ws + "/members", null), expect(200, 404, 200, 403, 403, 404)));
        calls.add(new Call("PUT /api/workspaces/{ws}/members/{user}", ws -> {
            String user = ApiCalls.unique("m");
            administration.createUser(user, "M", "demo-it-pw", null);
            return as("PUT", "/api/workspaces/" + ws + "/members/" + user, "{\"role\": \"viewer\"}");
        }, expect(200, 404, 200, 403, 403, 404)));
        calls.add(new Call("DELETE /api/workspaces/{ws}/members/{user}", ws -> {
            String user = ApiCalls.unique("m");
            administration.createUser(user, "M", "demo-it-pw", null);
            administration.addMember(user, ws, WorkspaceRole.VIEWER);
            return as("DELETE", "/api/workspaces/" + ws + "/members/" + user, null);
        }, expect(204, 404, 204, 403, 403, 404)));
        calls.add(new Call("GET /api/audit?workspace={ws}", ws -> as("GET", "/api/audit?workspace=" + ws, null),
                expect(200, 200, 200, 403, 403, 403)));
        calls.add(new Call("GET /api/audit.csv?workspace={ws}",
                ws -> as("GET", "/api/audit.csv?workspace=" + ws, null), expect(200, 200, 200, 403, 403, 403)));
        calls.add(new Call("POST /api/sources (owner {ws})", ws -> as("POST", "/api/sources", "{\"name\": \""
                + ApiCalls.unique("src") + "\", \"owner\": \"" + ws + "\", \"eventTypes\": [\"a.b\"]}"),
                expect(201, 404, 201, 201, 403, 404)));
        calls.add(new Call("POST /api/sources/{source of ws}/grants", ws -> as("POST", "/api/sources/"
                + source.get(ws) + "/grants", "{\"workspace\": \"central-data\"}"),
                expect(204, 403, 204, 204, 403, 404)));
        calls.add(new Call("DELETE /api/sources/{source of ws}/grants/{ws}", ws -> {
            api.call("POST", "/api/sources/" + source.get(ws) + "/grants", "admin", "{\"workspace\": \"central-data\"}");
            return as("DELETE", "/api/sources/" + source.get(ws) + "/grants/central-data", null);
        }, expect(204, 403, 204, 204, 403, 404)));
        Map<Relation, Integer> readSource = expect(200, 403, 200, 200, 200, 404);
        Map<Relation, Integer> stewardSource = expect(200, 403, 200, 200, 403, 404);
        calls.add(new Call("GET /api/sources/{source of ws}",
                ws -> as("GET", "/api/sources/" + source.get(ws), null), readSource));
        calls.add(new Call("GET /api/sources/{source of ws}/recent-events",
                ws -> as("GET", "/api/sources/" + source.get(ws) + "/recent-events", null), readSource));
        calls.add(new Call("GET /api/sources/{source of ws}/tag-suggestions",
                ws -> as("GET", "/api/sources/" + source.get(ws) + "/tag-suggestions", null), readSource));
        calls.add(new Call("PUT /api/sources/{source of ws}/schema", ws -> as("PUT", "/api/sources/"
                + source.get(ws) + "/schema", "{\"dataSchema\": {\"type\": \"object\"}}"), stewardSource));
        calls.add(new Call("PUT /api/sources/{source of ws}/tags", ws -> as("PUT", "/api/sources/"
                + source.get(ws) + "/tags", "{\"fields\": {\"$.data.mail\": \"email\"}}"), stewardSource));
        calls.add(new Call("PUT /api/sources/{source of ws}/clearances/central-data", ws -> as("PUT",
                "/api/sources/" + source.get(ws) + "/clearances/central-data",
                "{\"tags\": {\"email\": \"masked\"}}"), stewardSource));
        // admins read leak reports to decide on exceptions, which only they grant (this flow leaks nothing: 409)
        calls.add(new Call("GET /api/flows/{id}/leaks",
                ws -> as("GET", "/api/flows/" + deployedFlow.get(ws) + "/leaks", null),
                expect(200, 403, 200, 200, 200, 404)));
        calls.add(new Call("POST /api/flows/{id}/leak-exception", ws -> as("POST", "/api/flows/"
                + deployedFlow.get(ws) + "/leak-exception", "{\"version\": 1, \"reason\": \"because\"}"),
                expect(409, 403, 403, 403, 403, 403)));
        return calls;
    }

    /** Calls that concern no workspace's object: one expected status per role. */
    Map<String, Function<Role, Integer>> platformCalls() {
        Map<String, Function<Role, Integer>> calls = new LinkedHashMap<>();
        calls.put("GET /api/audit", r -> r == Role.ADMIN || r == Role.AUDITOR || r == Role.OWNER ? 200 : 403);
        calls.put("GET /api/audit/verify", r -> r == Role.ADMIN || r == Role.AUDITOR ? 200 : 403);
        calls.put("GET /api/sources", r -> r == Role.AUDITOR ? 403 : 200);
        calls.put("GET /api/flows", r -> r == Role.AUDITOR ? 403 : 200);
        calls.put("GET /api/workspaces", r -> 200);
        calls.put("GET /api/users", r -> r == Role.ADMIN ? 200 : 403);
        calls.put("POST /api/users", r -> r == Role.ADMIN ? 201 : 403);
        calls.put("POST /api/workspaces", r -> r == Role.ADMIN ? 201 : 403);
        calls.put("GET /api/me", r -> 200);
        calls.put("GET /api/admin/connection-allowlist", r -> r == Role.ADMIN ? 200 : 403);
        calls.put("PUT /api/admin/connection-allowlist", r -> r == Role.ADMIN ? 200 : 403);
        calls.put("GET /api/group-rules", r -> r == Role.ADMIN ? 200 : 403);
        calls.put("POST /api/group-rules", r -> r == Role.ADMIN ? 201 : 403);
        calls.put("DELETE /api/group-rules/{id}", r -> r == Role.ADMIN ? 204 : 403);
        calls.put("GET /api/me/tokens", r -> 200);
        calls.put("POST /api/me/tokens", r -> 201);
        calls.put("GET /api/tokens", r -> r == Role.ADMIN ? 200 : 403);
        calls.put("DELETE /api/tokens/{id} of another user", r -> r == Role.ADMIN ? 200 : 404);
        return calls;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryCallOnOwnAndOtherWorkspaceObjects() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Call call : calls()) {
            for (Role role : Role.values()) {
                for (String workspace : List.of("finance", "customer-service")) {
                    int expected = call.expected().get(role.to(workspace));
                    cells.add(DynamicTest.dynamicTest(call.name() + " | " + role + " | " + workspace + " → " + expected,
                            () -> {
                                caller.set(role.user);
                                Response response = call.send().apply(workspace);
                                assertThat(response.status()).as(response.body()).isEqualTo(expected);
                                if (expected == 404 || expected == 403) {
                                    assertThat(response.body()).doesNotContain("\"definition\"", "\"nodes\"");
                                }
                            }));
                }
            }
        }
        for (var call : platformCalls().entrySet()) {
            for (Role role : Role.values()) {
                int expected = call.getValue().apply(role);
                cells.add(DynamicTest.dynamicTest(call.getKey() + " | " + role + " → " + expected, () -> {
                    caller.set(role.user);
                    Response response = platform(call.getKey());
                    assertThat(response.status()).as(response.body()).isEqualTo(expected);
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void listsNeverShowAnotherWorkspacesFlowsSourcesOrAuditEntries() {
        String csFlow = "\"id\":" + deployedFlow.get("customer-service") + ",";
        for (Role role : List.of(Role.OWNER, Role.STEWARD, Role.VIEWER)) {
            Response flows = api.get("/api/flows", role.user);
            Response sources = api.get("/api/sources", role.user);
            assertThat(flows.body()).doesNotContain("customer-service").doesNotContain(csFlow);
            assertThat(sources.body()).doesNotContain("cs.events");
        }
        Response audit = api.get("/api/audit?size=500", "fin-owner");
        audit.json().path("entries").forEach(e -> assertThat(e.path("workspace").asText()).isEqualTo("finance"));
        Response sources = api.get("/api/sources", "finance");
        assertThat(sources.body()).contains("fin.events", "user-center.users");
        // a subscriber sees the source but not who else may subscribe
        for (var listed : sources.json().path("sources")) {
            if (listed.path("name").asText().equals("user-center.users")) {
                assertThat(listed.has("subscribers")).isFalse();
            }
        }
    }

    private Response platform(String call) {
        return switch (call) {
            case "GET /api/audit" -> as("GET", "/api/audit", null);
            case "GET /api/audit/verify" -> as("GET", "/api/audit/verify", null);
            case "GET /api/sources" -> as("GET", "/api/sources", null);
            case "GET /api/flows" -> as("GET", "/api/flows", null);
            case "GET /api/workspaces" -> as("GET", "/api/workspaces", null);
            case "GET /api/users" -> as("GET", "/api/users", null);
            case "POST /api/users" -> as("POST", "/api/users", "{\"username\": \"" + ApiCalls.unique("u")
                    + "\", \"password\": \"long-enough-pw\"}");
            case "POST /api/workspaces" -> as("POST", "/api/workspaces", "{\"name\": \"" + ApiCalls.unique("ws")
                    + "\"}");
            case "GET /api/me" -> as("GET", "/api/me", null);
            case "GET /api/admin/connection-allowlist" -> as("GET", "/api/admin/connection-allowlist", null);
            case "PUT /api/admin/connection-allowlist" -> as("PUT", "/api/admin/connection-allowlist",
                    "{\"entries\": [{\"entry\": \"127.0.0.1\"}, {\"entry\": \"localhost\"}]}");
            case "GET /api/me/tokens" -> as("GET", "/api/me/tokens", null);
            case "POST /api/me/tokens" -> as("POST", "/api/me/tokens", "{\"name\": \"matrix\"}");
            case "GET /api/tokens" -> as("GET", "/api/tokens", null);
            case "DELETE /api/tokens/{id} of another user" -> as("DELETE", "/api/tokens/" + api.call("POST",
                    "/api/me/tokens", "cs-owner", "{\"name\": \"theirs\"}").json().path("id").asLong(), null);
            case "GET /api/group-rules" -> as("GET", "/api/group-rules", null);
            case "POST /api/group-rules" -> as("POST", "/api/group-rules", groupRule());
            case "DELETE /api/group-rules/{id}" -> as("DELETE", "/api/group-rules/"
                    + api.call("POST", "/api/group-rules", "admin", groupRule()).json().path("id").asLong(), null);
            default -> throw new IllegalArgumentException(call);
        };
    }

    private static String groupRule() {
        return "{\"group\": \"" + ApiCalls.unique("g") + "\", \"workspace\": \"finance\", \"role\": \"viewer\"}";
    }

    private long importFlow(String workspace) {
        String name = ApiCalls.unique("m");
        Response imported = api.call("POST", "/api/flows/import", owner.get(workspace), flowJson(workspace, name));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long id = imported.json().path("id").asLong();
        names.put(id, name);
        return id;
    }

    private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    private String name(long id, String workspace) {
        return names.get(id);
    }

    private static String flowJson(String workspace, String name) {
        return ApiCalls.flow(name, workspace, "user.created");
    }

    private static String publishingTo(String workspace, String exchange) {
        return ApiCalls.flow(ApiCalls.unique("pub"), workspace, "user.created").replace(
                "{\"id\": \"out\", \"kind\": \"target.log\", \"config\": {\"label\": \"it\"}}",
                "{\"id\": \"out\", \"kind\": \"target.rabbitmq\", \"config\": {\"exchange\": \"" + exchange + "\"}}");
    }

    private String connection(String workspace) {
        String name = ApiCalls.unique("c");
        Response created = api.call("POST", "/api/workspaces/" + workspace + "/connections", owner.get(workspace),
                "{\"name\": \"" + name + "\", \"kind\": \"http\", \"url\": \"http://127.0.0.1:1/\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private String secret(String workspace) {
        String name = ApiCalls.unique("s");
        assertThat(api.call("POST", "/api/workspaces/" + workspace + "/secrets", owner.get(workspace),
                "{\"name\": \"" + name + "\", \"value\": \"v\"}").status()).isEqualTo(201);
        return name;
    }
}
