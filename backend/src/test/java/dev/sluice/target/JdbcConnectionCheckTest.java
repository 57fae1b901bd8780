package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcConnectionCheckTest {

    private final String url = "jdbc:h2:mem:check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final TargetContext context = new TargetContext(null, null,
            name -> name.equals("db-password") ? Optional.of("s3cret".getBytes(StandardCharsets.UTF_8))
                    : Optional.empty());
    private Connection keepAlive;

    @BeforeEach
    void table() throws Exception {
        keepAlive = DriverManager.getConnection(url, "sa", "s3cret");
        keepAlive.createStatement().execute("create table accounts (id varchar(40) primary key, iban varchar(40))");
    }

    @AfterEach
    void close() throws Exception {
        keepAlive.close();
    }

    private JdbcTarget.Config config(String table, String... columns) {
        Map<String, String> mapped = new java.util.LinkedHashMap<>();
        for (String column : columns) {
            mapped.put(column, "$.data." + column);
        }
        return new JdbcTarget.Config(url, "sa", new SecretRef("db-password"), table, List.of("id"), mapped);
    }

    @Test
    void findsTheTableWithEveryColumnUsingThePasswordFromTheSecret() {
        ConnectionCheck check = new JdbcTarget().check(config("accounts", "id", "iban"), context);

        assertThat(check.reachable()).as(check.message()).isTrue();
    }

    @Test
    void namesTheColumnsTheTableLacks() {
        ConnectionCheck check = new JdbcTarget().check(config("accounts", "id", "iban", "owner"), context);

        assertThat(check.reachable()).isFalse();
        assertThat(check.message()).endsWith("lacks owner");
    }

    @Test
    void saysWhenTheTableIsMissingOrTheSecretIsNotDefined() {
        ConnectionCheck noTable = new JdbcTarget().check(config("ledger", "id"), context);
        JdbcTarget.Config unknownSecret = new JdbcTarget.Config(url, "sa", new SecretRef("nope"), "accounts",
                List.of("id"), Map.of("id", "$.id"));
        ConnectionCheck noSecret = new JdbcTarget().check(unknownSecret, context);

        assertThat(noTable.message()).contains("'ledger' was not found");
        assertThat(noSecret.reachable()).isFalse();
        assertThat(noSecret.message()).contains("the secret 'nope'").doesNotContain("s3cret");
    }

    @Test
    void leavesTheJvmWideLoginTimeoutAlone() {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(0);
        try {
            new JdbcTarget().check(config("accounts", "id"), context);

            assertThat(DriverManager.getLoginTimeout()).isZero();
        } finally {
            DriverManager.setLoginTimeout(before);
        }
    }

    @Test
    void boundsAPostgresqlSignInWithTimeoutsItsDriverKnowsAndPassesNoneToH2() throws Exception {
        String postgresql = "jdbc:postgresql://db.invalid:5432/ledger";
        java.util.Properties bounds = ConnectionChecks.bounds(postgresql);
        java.util.Set<String> known = new java.util.HashSet<>();
        for (var property : new org.postgresql.Driver().getPropertyInfo(postgresql, new java.util.Properties())) {
            known.add(property.name);
        }

        assertThat(bounds).containsEntry("loginTimeout", "10").containsEntry("connectTimeout", "10")
                .containsEntry("socketTimeout", "10");
        assertThat(known).containsAll(bounds.stringPropertyNames());
        assertThat(ConnectionChecks.bounds(url)).isEmpty();
    }
}
