package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.TestBackends;
import dev.sluice.flow.FlowJson;

/**
 * Migration 6 on a database holding flows from before connections: inline JDBC URLs, external brokers and secret
 * headers become connections of the flow's workspace, every version names them, and plain URLs stay. On H2 and, when
 * CI names it, PostgreSQL.
 */
class InlineTargetsToConnectionsIT {

    static Stream<String> databases() {
        List<String> urls = new ArrayList<>(List.of("jdbc:h2:mem:migrate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        String external = System.getenv(TestBackends.EXTERNAL);
        if (external != null && !external.isBlank()) {
            urls.add(external);
        }
        return urls.stream();
    }

    private static final String OLD_FLOW = """
            {"schemaVersion": 1, "name": "ledger", "workspace": "finance",
             "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                       {"id": "db", "kind": "target.jdbc", "config": {"url": "jdbc:postgresql://ledger-db:5432/ledger",
                        "username": "sluice", "password": {"secret": "ledger-db"}, "table": "accounts",
                        "key": ["id"], "columns": {"id": "$.id"}}},
                       {"id": "db2", "kind": "target.jdbc", "config": {"url": "jdbc:postgresql://ledger-db:5432/ledger",
                        "username": "sluice", "password": {"secret": "ledger-db"}, "table": "other",
                        "key": ["id"], "columns": {"id": "$.id"}}},
                       {"id": "mq", "kind": "target.rabbitmq", "config": {"exchange": "partner.in",
                        "broker": {"uri": "amqps://mq.partner.example:5671/fin", "username": "u",
                                   "password": {"secret": "mq"}}}},
                       {"id": "hook", "kind": "target.http", "config": {"url": "https://ledger.internal/api/events?v=2",
                        "headers": {"Authorization": {"secret": "token"}, "X-Tenant": "fin"}}},
                       {"id": "plain", "kind": "target.http", "config": {"url": "https://plain.example/in"}}],
             "edges": []}""";

    @ParameterizedTest
    @MethodSource("databases")
    void movesInlineTargetSettingsIntoConnectionsOfTheFlowsWorkspace(String url) throws Exception {
        String schema = "migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        String user = postgres ? System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres") : "sa";
        String password = postgres ? System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", "") : "";
        var configuration = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migrations")
                .javaMigrations(new InlineTargetsToConnections());
        if (postgres) {
            configuration.schemas(schema).createSchemas(true);
        }
        configuration.target("5").load().migrate();
        try (Connection jdbc = DriverManager.getConnection(url, user, password)) {
            if (postgres) {
                jdbc.createStatement().execute("set search_path to " + schema);
            }
            jdbc.createStatement().execute("insert into workspaces (name, display_name, created_at) values "
                    + "('finance', 'Finance', current_timestamp)");
            jdbc.createStatement().execute("insert into flows (workspace_id, name, latest_version, state, created_at, "
                    + "updated_at, updated_by) select id, 'ledger', 2, 'DRAFT', current_timestamp, current_timestamp, 'a' "
                    + "from workspaces where name = 'finance'");
            for (int version = 1; version <= 2; version++) {
                try (PreparedStatement insert = jdbc.prepareStatement("insert into flow_versions (flow_id, version, "
                        + "definition, created_by, created_at) select id, ?, ?, 'a', current_timestamp from flows")) {
                    insert.setInt(1, version);
                    insert.setString(2, OLD_FLOW);
                    insert.executeUpdate();
                }
            }
        }

        configuration.target("latest").load().migrate();

        try (Connection jdbc = DriverManager.getConnection(url, user, password)) {
            if (postgres) {
                jdbc.createStatement().execute("set search_path to " + schema);
            }
            List<String> connections = new ArrayList<>();
            try (ResultSet rows = jdbc.createStatement().executeQuery("select name, kind, url, username, "
                    + "password_secret, headers from workspace_connections order by name")) {
                while (rows.next()) {
                    connections.add(String.join("|", rows.getString(1), rows.getString(2), rows.getString(3),
                            String.valueOf(rows.getString(4)), String.valueOf(rows.getString(5)),
                            String.valueOf(rows.getString(6))));
                }
            }
            assertThat(connections).containsExactly(
                    "http-ledger-internal|http|https://ledger.internal|null|null|{\"Authorization\":{\"secret\":\"token\"}}",
                    "jdbc-ledger-db|jdbc|jdbc:postgresql://ledger-db:5432/ledger|sluice|ledger-db|null",
                    "rabbitmq-mq-partner-example|rabbitmq|amqps://mq.partner.example:5671/fin|u|mq|null");
            try (ResultSet rows = jdbc.createStatement().executeQuery("select definition from flow_versions")) {
                int versions = 0;
                while (rows.next()) {
                    versions++;
                    JsonNode nodes = FlowJson.parse(rows.getString(1)).path("nodes");
                    assertThat(nodes.get(1).path("config").toString()).isEqualTo(
                            "{\"table\":\"accounts\",\"key\":[\"id\"],\"columns\":{\"id\":\"$.id\"},\"connection\":\"jdbc-ledger-db\"}");
                    assertThat(nodes.get(2).path("config").path("connection").asText()).isEqualTo("jdbc-ledger-db");
                    assertThat(nodes.get(3).path("config").toString()).isEqualTo(
                            "{\"exchange\":\"partner.in\",\"connection\":\"rabbitmq-mq-partner-example\"}");
                    assertThat(nodes.get(4).path("config").toString()).isEqualTo(
                            "{\"headers\":{\"X-Tenant\":\"fin\"},\"connection\":\"http-ledger-internal\",\"path\":\"/api/events?v=2\"}");
                    assertThat(nodes.get(5).path("config").toString()).isEqualTo("{\"url\":\"https://plain.example/in\"}");
                }
                assertThat(versions).isEqualTo(2);
            }
        } finally {
            if (postgres) {
                try (Connection jdbc = DriverManager.getConnection(url, user, password)) {
                    jdbc.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
    }
}
