package dev.sluice.target;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FailureKind;

/**
 * {@code target.jdbc}: one upsert per event, committed before the future completes. A redelivered event
 * updates the same row (by the key columns), which is what keeps this target exactly-once in effect.
 * Identifiers were checked at validation to be plain names, so quoting them is safe.
 */
final class JdbcDelivery implements Delivery {

    private final HikariDataSource dataSource;
    private final ExecutorService executor;
    private final Map<String, EventPath> columns = new LinkedHashMap<>();
    private final String sql;

    JdbcDelivery(JdbcTarget.Config config, TargetContext context) {
        Endpoint endpoint = context.endpoint(config.connection(), Endpoint.Kind.JDBC);
        JdbcUrl url = JdbcUrl.parse(endpoint.url());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url.driverUrl(context.reach().rules().h2Directory()));
        hikari.setUsername(endpoint.username());
        hikari.setPassword(context.secretText(endpoint.password(), "the database password"));
        hikari.setMaximumPoolSize(4);
        hikari.setPoolName("sluice-target-" + config.connection() + "-" + config.table());
        hikari.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(hikari);
        this.executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("sluice-jdbc-", 0).daemon().factory());
        config.columns().forEach((column, path) -> columns.put(column, EventPath.compile(path)));
        this.sql = upsert(url.driver(), config.table(), List.copyOf(columns.keySet()), config.key());
    }

    static String upsert(JdbcUrl.Driver driver, String table, List<String> columns, List<String> key) {
        String names = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        if (driver == JdbcUrl.Driver.H2) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", key) + ") VALUES (" + marks + ")";
        }
        List<String> updates = new ArrayList<>();
        for (String column : columns) {
            if (!key.contains(column)) {
                updates.add(column + " = EXCLUDED." + column);
            }
        }
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT ("
                + String.join(", ", key) + ") " + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET "
                + String.join(", ", updates));
    }

    @Override
    public CompletableFuture<Void> deliver(ObjectNode event, String outputId) {
        return CompletableFuture.runAsync(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (EventPath path : columns.values()) {
                    bind(statement, index++, path.read(event));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                boolean retry = e instanceof SQLTransientException || e.getSQLState() == null
                        || e.getSQLState().startsWith("08") || e.getSQLState().startsWith("40")
                        || e.getSQLState().startsWith("53") || e.getSQLState().startsWith("57");
                throw new TargetFailure("upsert failed (SQL state " + e.getSQLState() + ")",
                        retry ? FailureKind.TRANSIENT : FailureKind.PERMANENT, e);
            }
        }, executor);
    }

    private static void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, Types.NULL);
        } else if (value.isTextual()) {
            statement.setString(index, value.asText());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            statement.setLong(index, value.asLong());
        } else if (value.isNumber()) {
            statement.setBigDecimal(index, new BigDecimal(value.asText()));
        } else if (value.isBoolean()) {
            statement.setBoolean(index, value.asBoolean());
        } else {
            statement.setString(index, value.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        dataSource.close();
    }
}
