package dev.sluice.target;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbcSyncH2Test extends JdbcSyncContract {

    @TempDir
    Path targets;

    private TargetContext context;
    private Connection keepAlive;

    @BeforeEach
    void database_() throws SQLException {
        ConnectionRules rules = new ConnectionRules(HostPolicy.defaults(), targets, List.of());
        context = new TargetContext(null, null, name -> Optional.empty(), "finance",
                TestReach.of(rules, new Endpoint("db", Endpoint.Kind.JDBC, "jdbc:h2:file:copy", "sa", null, null)));
        keepAlive = database();
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    @Override
    TargetContext context() {
        return context;
    }

    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection(JdbcUrl.parse("jdbc:h2:file:copy").driverUrl(targets), "sa", null);
    }

    @Override
    String table(String name) {
        return name;
    }
}
