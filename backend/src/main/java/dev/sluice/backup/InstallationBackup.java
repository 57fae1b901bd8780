package dev.sluice.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sluice.json.Json;

/**
 * An installation's configuration as one JSON file: every row of the tables people build (workspaces, users with
 * their password hashes, memberships, group rules, sources and their grants and tags, flows with all their
 * versions and drafts, connections, the connection allowlist and platform settings), read in one consistent
 * snapshot. Left out: workspace secrets (encrypted with the installation's master key; their names are listed to
 * re-enter), API tokens (credentials, created anew), what the engine keeps while it runs, and the audit log.
 * Read back only into a database that holds none of it, of the same or a later schema.
 */
public final class InstallationBackup {

    static final String FORMAT = "sluice-backup-1";

    /** Parents before children, as they are written and read back. */
    private static final List<String> TABLES = List.of("workspaces", "users", "memberships", "group_role_rules",
            "event_sources", "source_grants", "source_pii_tags", "source_clearances", "flows", "flow_versions",
            "flow_drafts", "leak_exceptions", "workspace_connections", "connection_allowlist", "platform_settings");
    private static final Set<String> WITHOUT_IDENTITY = Set.of("source_grants", "flow_versions",
            "platform_settings");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate writing;

    public InstallationBackup(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writing = new TransactionTemplate(transactions);
    }

    /**
     * What a backup held or an import wrote: rows per table, the schema version, and the secrets to enter again
     * ({@code workspace/name}).
     */
    public record Summary(String schemaVersion, Map<String, Integer> rows, List<String> secretsToReenter) {
    }

    /** A file refused: not a backup of Sluice's, of a later schema, or naming what this database has not. */
    public static final class RefusedBackup extends RuntimeException {

        RefusedBackup(String message) {
            super(message);
        }
    }

    public Summary export(OutputStream out) {
        return snapshot.execute(status -> {
            String version = schemaVersion();
            Map<String, Integer> rows = new LinkedHashMap<>();
            List<String> secrets = jdbc.queryForList("select w.name || '/' || s.name from workspace_secrets s "
                    + "join workspaces w on w.id = s.workspace_id order by 1", String.class);
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
                json.useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeStringField("format", FORMAT);
                json.writeStringField("schemaVersion", version);
                json.writeStringField("exportedAt", Instant.now().toString());
                json.writeObjectField("secretsToReenter", secrets);
                json.writeObjectFieldStart("tables");
                for (String table : TABLES) {
                    json.writeArrayFieldStart(table);
                    rows.put(table, jdbc.query("select * from " + table + " order by 1", rs -> {
                        int count = 0;
                        while (rs.next()) {
                            writeRow(json, rs);
                            count++;
                        }
                        return count;
                    }));
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Summary(version, rows, secrets);
        });
    }

    /**
     * Writes a backup into this database, which must hold none of its tables' rows; all or nothing.
     *
     * @throws RefusedBackup        when the file is not a backup this Sluice can read
     * @throws IllegalStateException when this database already holds workspaces, users, flows...
     */
    public Summary importFrom(InputStream in) {
        JsonNode backup;
        try {
            backup = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new RefusedBackup("not a Sluice backup: " + e.getMessage());
        }
        if (backup == null || !FORMAT.equals(backup.path("format").asText())) {
            throw new RefusedBackup("not a Sluice backup: its format is not " + FORMAT);
        }
        return writing.execute(status -> {
            String here = schemaVersion();
            String theirs = backup.path("schemaVersion").asText();
            if (MigrationVersion.fromVersion(theirs).isNewerThan(here)) {
                throw new RefusedBackup("the backup is of schema " + theirs + ", newer than this Sluice's " + here
                        + ": import it with the Sluice that wrote it, or a later one");
            }
            for (String table : TABLES) {
                Integer present = jdbc.queryForObject("select count(*) from " + table, Integer.class);
                if (present != null && present > 0) {
                    throw new IllegalStateException("This database already holds " + present + " rows of " + table
                            + "; import a backup into a new database only");
                }
            }
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (String table : TABLES) {
                JsonNode tableRows = backup.path("tables").path(table);
                rows.put(table, tableRows.size());
                if (!tableRows.isEmpty()) {
                    insert(table, tableRows);
                }
                if (!WITHOUT_IDENTITY.contains(table)) {
                    restartIdentity(table);
                }
            }
            List<String> secrets = new ArrayList<>();
            backup.path("secretsToReenter").forEach(secret -> secrets.add(secret.asText()));
            return new Summary(theirs, rows, secrets);
        });
    }

    private String schemaVersion() {
        // quoted: Flyway creates its table in lower case, which H2 otherwise reads as upper case
        return jdbc.queryForList("select \"version\" from \"flyway_schema_history\" where \"success\" = true "
                        + "and \"version\" is not null", String.class).stream()
                .map(MigrationVersion::fromVersion).max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion).orElse("0");
    }

    private static void writeRow(JsonGenerator json, ResultSet rs) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        try {
            json.writeStartObject();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String name = columns.getColumnLabel(i).toLowerCase();
                Object value = isTimestamp(columns.getColumnType(i)) ? rs.getObject(i, OffsetDateTime.class)
                        : rs.getObject(i);
                if (value == null) {
                    json.writeNullField(name);
                } else if (value instanceof Number || value instanceof Boolean) {
                    json.writeObjectField(name, value);
                } else {
                    json.writeStringField(name, value.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void insert(String table, JsonNode rows) {
        Map<String, Integer> types = jdbc.query("select * from " + table + " where 1 = 0", rs -> {
            Map<String, Integer> found = new LinkedHashMap<>();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                found.put(meta.getColumnLabel(i).toLowerCase(), meta.getColumnType(i));
            }
            return found;
        });
        List<String> columns = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(columns::add);
        for (String column : columns) {
            if (!types.containsKey(column)) {
                throw new RefusedBackup("the backup's column " + table + "." + column + " is not in this database");
            }
        }
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<Object[]> values = new ArrayList<>();
        for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); ) {
            JsonNode row = it.next();
            values.add(columns.stream().map(c -> value(row.path(c), types.get(c))).toArray());
        }
        jdbc.batchUpdate(sql, values);
    }

    private static Object value(JsonNode value, int type) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (type) {
            case Types.BIGINT -> value.asLong();
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> value.asInt();
            case Types.BOOLEAN, Types.BIT -> value.asBoolean();
            case Types.NUMERIC, Types.DECIMAL -> value.decimalValue();
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> value.asDouble();
            default -> isTimestamp(type) ? OffsetDateTime.parse(value.asText()) : value.asText();
        };
    }

    private static boolean isTimestamp(int type) {
        return type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP;
    }

    /** Rows came with their ids: the next id generated must come after them. */
    private void restartIdentity(String table) {
        long next = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from " + table, Long.class);
        String product = jdbc.execute((ConnectionCallback<String>) (Connection c) ->
                c.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            jdbc.queryForObject("select setval(pg_get_serial_sequence(?, 'id'), ?, false)", Long.class, table, next);
        } else {
            jdbc.execute("alter table " + table + " alter column id restart with " + next);
        }
    }
}
