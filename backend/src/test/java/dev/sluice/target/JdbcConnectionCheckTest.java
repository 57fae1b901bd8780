package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConnectionCheckTest {

    @TempDir
    Path targets;

    private TargetContext context;
    private Connection keepAlive;

    @BeforeEach
    void table() throws Exception {
        ConnectionRules rules = new ConnectionRules(HostPolicy.defaults(), targets, List.of());
        context = new TargetContext(null, null,
                name -> name.equals("db-password") ? Optional.of("s3cret".getBytes(StandardCharsets.UTF_8))
                        : Optional.empty(), "finance",
                TestReach.of(rules,
                        new Endpoint("ledger", Endpoint.Kind.JDBC, "jdbc:h2:file:ledger", "sa", new SecretRef("db-password"), null),
                        new Endpoint("no-secret", Endpoint.Kind.JDBC, "jdbc:h2:file:ledger", "sa", new SecretRef("nope"), null),
                        new Endpoint("hook", Endpoint.Kind.HTTP, "https://hooks.example.com", null, null, null)));
        keepAlive = DriverManager.getConnection(JdbcUrl.parse("jdbc:h2:file:ledger").driverUrl(targets), "sa", "s3cret");
        keepAlive.createStatement().execute("create table accounts (id varchar(40) primary key, iban varchar(40))");
    }

    @AfterEach
    void close() throws Exception {
        keepAlive.close();
    }

    private JdbcTarget.Config config(String connection, String table, String... columns) {
        Map<String, String> mapped = new java.util.LinkedHashMap<>();
        for (String column : columns) {
            mapped.put(column, "$.data." + column);
        }
        return new JdbcTarget.Config(connection, table, List.of("id"), mapped);
    }

    @Test
    void findsTheTableWithEveryColumnUsingThePasswordFromTheConnectionsSecret() {
        ConnectionCheck check = new JdbcTarget().check(config("ledger", "accounts", "id", "iban"), context);

        assertThat(check.reachable()).as(check.message()).isTrue();
    }

    @Test
    void namesTheColumnsTheTableLacks() {
        ConnectionCheck check = new JdbcTarget().check(config("ledger", "accounts", "id", "iban", "owner"), context);

        assertThat(check.reachable()).isFalse();
        assertThat(check.message()).endsWith("lacks owner");
    }

    @Test
    void saysWhenTheTableIsMissingOrTheSecretIsNotDefined() {
        ConnectionCheck noTable = new JdbcTarget().check(config("ledger", "ledger", "id"), context);
        ConnectionCheck noSecret = new JdbcTarget().check(config("no-secret", "accounts", "id"), context);

        assertThat(noTable.message()).contains("'ledger' was not found");
        assertThat(noSecret.reachable()).isFalse();
        assertThat(noSecret.message()).contains("the secret 'nope'").doesNotContain("s3cret");
    }

    @Test
    void refusesAConnectionThatIsMissingOrOfAnotherKind() {
        ConnectionCheck missing = new JdbcTarget().check(config("elsewhere", "accounts", "id"), context);
        ConnectionCheck http = new JdbcTarget().check(config("hook", "accounts", "id"), context);

        assertThat(missing.message()).contains("'elsewhere' is not defined in workspace finance");
        assertThat(http.message()).contains("is a http connection, not jdbc");
    }

    @Test
    void leavesTheJvmWideLoginTimeoutAlone() {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(0);
        try {
            new JdbcTarget().check(config("ledger", "accounts", "id"), context);

            assertThat(DriverManager.getLoginTimeout()).isZero();
        } finally {
            DriverManager.setLoginTimeout(before);
        }
    }

    @Test
    void boundsAPostgresqlSignInWithTimeoutsItsDriverKnowsAndPassesNoneToH2() throws Exception {
        String postgresql = "jdbc:postgresql://db.invalid:5432/ledger";
        java.util.Properties bounds = ConnectionChecks.bounds(JdbcUrl.Driver.POSTGRESQL);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (var property : new org.postgresql.Driver().getPropertyInfo(postgresql, new java.util.Properties())) {
            known.add(property.name);
        }

        assertThat(bounds).containsEntry("loginTimeout", "10").containsEntry("connectTimeout", "10")
                .containsEntry("socketTimeout", "10");
        assertThat(known).containsAll(bounds.stringPropertyNames());
        assertThat(ConnectionChecks.bounds(JdbcUrl.Driver.H2)).isEmpty();
    }
}
