package dev.sluice.target;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.sluice.json.Json;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FailureKind;

/**
 * {@code target.jdbc}: one upsert, or for a delete type one delete (or soft-delete update), per event, committed
 * before the future completes. A redelivered event writes the same row (by the key columns), which is what keeps
 * this target exactly-once in effect; with a version, the row's {@link RowVersions} entry decides whether the event
 * is new enough to write at all, in the same transaction. Identifiers were checked at validation to be plain names,
 * so quoting them is safe.
 */
final class JdbcDelivery implements Delivery {

    private static final Duration HOUSEKEEP_EVERY = Duration.ofHours(1);

    private final HikariDataSource dataSource;
    private final ExecutorService executor;
    private final Map<String, EventPath> columns = new LinkedHashMap<>();
    private final List<EventPath> key = new ArrayList<>();
    private final List<TypePattern> deleteOn;
    private final String softDelete;
    private final EventPath version;
    private final String versionPath;
    private final RowVersions versions;
    private final String upsert;
    private final String delete;
    private volatile Instant housekept = Instant.EPOCH;

    JdbcDelivery(JdbcTarget.Config config, TargetContext context) {
        Endpoint endpoint = context.endpoint(config.connection(), Endpoint.Kind.JDBC);
        JdbcUrl url = JdbcUrl.parse(endpoint.url());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url.driverUrl(context.reach().rules().h2Directory()));
        hikari.setUsername(endpoint.username());
        hikari.setPassword(context.secretText(endpoint.password(), "the database password"));
        // H2 writes a commit to its file only if no other commit is being written at that moment (MVStore's
        // tryCommit); a commit skipped so, then a kill -9, loses an acked row. One writer per H2 target it is.
        int writers = url.driver() == JdbcUrl.Driver.H2 ? 1 : 4;
        hikari.setMaximumPoolSize(writers);
        hikari.setPoolName("sluice-target-" + config.connection() + "-" + config.table());
        hikari.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(hikari);
        this.executor = Executors.newFixedThreadPool(writers,
                Thread.ofPlatform().name("sluice-jdbc-", 0).daemon().factory());
        config.columns().forEach((column, path) -> columns.put(column, EventPath.compile(path)));
        config.key().forEach(column -> key.add(columns.get(column)));
        this.deleteOn = TypePattern.all(config.deleteTypes());
        this.softDelete = config.softDelete();
        this.versionPath = config.version();
        this.version = versionPath == null ? null : EventPath.compile(versionPath);
        this.versions = versionPath == null ? null
                : new RowVersions(url.driver(), config.table(), config.keepTombstones());
        List<String> written = new ArrayList<>(columns.keySet());
        if (softDelete != null) {
            written.add(softDelete);
        }
        this.upsert = upsert(url.driver(), config.table(), written, config.key());
        String where = String.join(" AND ", config.key().stream().map(column -> column + " = ?").toList());
        this.delete = softDelete == null ? "DELETE FROM " + config.table() + " WHERE " + where
                : "UPDATE " + config.table() + " SET " + softDelete + " = TRUE WHERE " + where;
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
        return write(event, false);
    }

    @Override
    public CompletableFuture<Void> restate(ObjectNode event, String outputId) {
        return write(event, true);
    }

    /** {@code restated}: an event of a snapshot, written again when the row's version is the same. */
    private CompletableFuture<Void> write(ObjectNode event, boolean restated) {
        boolean deletes = TypePattern.anyMatches(deleteOn, event.path("type").textValue());
        return CompletableFuture.runAsync(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (versions == null) {
                    write(connection, event, deletes);
                } else {
                    writeIfNewer(connection, event, deletes, restated);
                }
            } catch (SQLException e) {
                boolean retry = e instanceof SQLTransientException || e.getSQLState() == null
                        || e.getSQLState().startsWith("08") || e.getSQLState().startsWith("40")
                        || e.getSQLState().startsWith("53") || e.getSQLState().startsWith("57")
                        || "HYT00".equals(e.getSQLState()) || "90131".equals(e.getSQLState());
                throw new TargetFailure((deletes ? "delete" : "upsert") + " failed (SQL state " + e.getSQLState() + ")",
                        retry ? FailureKind.TRANSIENT : FailureKind.PERMANENT, e);
            }
        }, executor);
    }

    private void writeIfNewer(Connection connection, ObjectNode event, boolean deletes, boolean restated)
            throws SQLException {
        String eventVersion = RowVersions.encode(version.read(event), versionPath);
        String rowKey = rowKey(event);
        keepVersions(connection);
        connection.setAutoCommit(false);
        try {
            if (versions.claim(connection, rowKey, eventVersion, deletes, restated)) {
                write(connection, event, deletes);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Creates the versions table at first use and forgets old tombstones hourly, before any write's transaction. */
    private void keepVersions(Connection connection) throws SQLException {
        if (Instant.now().isBefore(housekept.plus(HOUSEKEEP_EVERY))) {
            return;
        }
        synchronized (versions) {
            if (Instant.now().isBefore(housekept.plus(HOUSEKEEP_EVERY))) {
                return;
            }
            versions.prepare(connection);
            versions.forgetOldTombstones(connection);
            housekept = Instant.now();
        }
    }

    private void write(Connection connection, ObjectNode event, boolean deletes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(deletes ? delete : upsert)) {
            int index = 1;
            if (deletes) {
                for (EventPath path : key) {
                    bind(statement, index++, present(path.read(event)));
                }
            } else {
                for (EventPath path : columns.values()) {
                    bind(statement, index++, path.read(event));
                }
                if (softDelete != null) {
                    statement.setBoolean(index, false);
                }
            }
            statement.executeUpdate();
        }
    }

    /** The row's key values as a JSON array, naming the row in {@link RowVersions}. */
    private String rowKey(ObjectNode event) {
        ArrayNode values = Json.MAPPER.createArrayNode();
        key.forEach(path -> values.add(present(path.read(event))));
        return values.toString();
    }

    private JsonNode present(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new TargetFailure("the event has no value for a key column", FailureKind.PERMANENT, null);
        }
        return value;
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
