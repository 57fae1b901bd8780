package dev.sluice.target;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.sluice.TestBackends;

/** The sync contract on the PostgreSQL CI names, in a schema of its own that it drops afterwards. */
@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class JdbcSyncPostgresIT extends JdbcSyncContract {

    private final String url = System.getenv(TestBackends.EXTERNAL);
    private final String user = System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres");
    private final String schema = "sync_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private TargetContext context;

    @BeforeEach
    void schema() throws SQLException {
        JdbcUrl parsed = JdbcUrl.parse(url);
        List<String> hosts = parsed.hosts().stream().map(JdbcUrl.HostPort::host).toList();
        ConnectionRules rules = new ConnectionRules(HostPolicy.of(hosts, false), Path.of("unused"), List.of());
        context = new TargetContext(null, null, name -> Optional.empty(), "finance",
                TestReach.of(rules, new Endpoint("db", Endpoint.Kind.JDBC, url, user, null, null)));
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    TargetContext context() {
        return context;
    }

    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection(url, user, System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""));
    }

    @Override
    String table(String name) {
        return schema + "." + name;
    }
}
