package dev.sluice.target;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Upserts each event as a row, keyed, into a table of a business system's database, and deletes the row for
 * event types that mean "gone": a redelivered event updates the same row, so delivery stays idempotent. With a
 * {@code version}, writes are conditional, so a late or repeated older event changes nothing and a deleted row
 * stays deleted ({@link RowVersions}).
 */
public final class JdbcTarget implements TargetKind<JdbcTarget.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.target("target.jdbc", Config.class)
            .shownAs(NodeCategory.TARGET, "vaadin:database", "Database table",
                    "Upserts each event as a row keyed by columns into a database table (idempotent); deletes remove it")
            .withExample("""
                    {"connection": "ledger-db", "table": "payment_accounts", "key": ["user_id"],
                     "columns": {"user_id": "$.data.userId", "bank_account": "$.data.payment.bankAccount"}}
                    """)
            .describedBy(JdbcTarget::describe);

    private static final int KEEP_TOMBSTONES_DAYS = 7;
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");
    private static final Pattern TABLE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$");

    /**
     * @param connection         the workspace's {@code jdbc} connection: which database, as whom
     * @param table              table to upsert into ({@code schema.table} allowed)
     * @param key                the columns that identify a row
     * @param columns            column name → JSONPath of the value in the event
     * @param deleteOn           event types that delete the row (globs; default {@code *.deleted}, {@code []} for none)
     * @param softDelete         instead of deleting: a boolean column set on delete and cleared on every upsert
     * @param version            JSONPath of a value that grows with every change of a row: older events change nothing
     * @param keepTombstonesDays with a version, how long a deleted row's version is kept to refuse late updates
     */
    public record Config(@Setting(required = true, format = "jdbc-connection", pattern = Connections.NAME,
                                  title = "Database connection", description = "Which jdbc" + Connections.CHOSEN)
                         String connection,
                         @Setting(required = true, title = "Table", description = "table or schema.table") String table,
                         @Setting(required = true, minItems = 1, uniqueItems = true, title = "Key columns",
                                  description = "Columns that identify a row") List<String> key,
                         @Setting(required = true, minProperties = 1, title = "Columns",
                                  description = "Column name → JSONPath of its value") Map<String, String> columns,
                         @Setting(defaultValue = "[\"*.deleted\"]", title = "Delete on event types",
                                  description = "Events of these types delete the row by its key; * matches any text")
                         List<@Setting(pattern = TypePattern.SYNTAX) String> deleteOn,
                         @Setting(title = "Soft delete column", description = "Mark deleted rows in this boolean"
                                 + " column instead of deleting them") String softDelete,
                         @Setting(format = "json-path", title = "Version", description = "JSONPath of a value that"
                                 + " grows with each change (a sequence number or a timestamp): older events change"
                                 + " nothing") String version,
                         @Setting(minimum = 1, maximum = 3650, defaultValue = "" + KEEP_TOMBSTONES_DAYS,
                                  title = "Keep tombstones (days)",
                                  description = "With a version: how long a deleted row refuses late, older updates")
                         Integer keepTombstonesDays) {

        /** The config without the sync settings: upserts only (with the default deletes). */
        public Config(String connection, String table, List<String> key, Map<String, String> columns) {
            this(connection, table, key, columns, null, null, null, null);
        }

        List<String> deleteTypes() {
            return deleteOn == null ? TypePattern.DELETES : deleteOn;
        }

        Duration keepTombstones() {
            return Duration.ofDays(keepTombstonesDays == null ? KEEP_TOMBSTONES_DAYS : keepTombstonesDays);
        }
    }


    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** Connection, table and key: {@code ledger-db: payment_accounts (user_id)}. */
    static String describe(JsonNode config) {
        String table = config.path("table").asText();
        String key = Descriptions.joined(config.path("key"), ", ");
        String connection = config.path("connection").asText();
        return (connection.isEmpty() ? "" : connection + ": ") + table + (key.isEmpty() ? "" : " (" + key + ")");
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        Connections.validate(config.connection(), Endpoint.Kind.JDBC, context, problems);
        if (!TABLE.matcher(config.table()).matches()) {
            problems.add(".table", "must be a plain identifier or schema.identifier (letters, digits, _)");
        }
        config.columns().forEach((column, path) -> {
            if (!IDENTIFIER.matcher(column).matches()) {
                problems.add(".columns" + Problems.key(column), "is not a plain column name (letters, digits, _)");
            }
            checkOneValue(path, ".columns" + Problems.key(column), problems);
        });
        for (int i = 0; i < config.key().size(); i++) {
            if (!config.columns().containsKey(config.key().get(i))) {
                problems.add(".key[" + i + "]", "'" + config.key().get(i) + "' is not one of the columns");
            }
        }
        if (config.softDelete() != null) {
            if (!IDENTIFIER.matcher(config.softDelete()).matches()) {
                problems.add(".softDelete", "is not a plain column name (letters, digits, _)");
            } else if (config.columns().containsKey(config.softDelete())) {
                problems.add(".softDelete", "is set by deletes, so it cannot also be one of the columns");
            }
        }
        if (config.version() != null) {
            checkOneValue(config.version(), ".version", problems);
        }
        if (config.keepTombstonesDays() != null && config.version() == null) {
            problems.add(".keepTombstonesDays", "needs a version: without one, deletes leave no tombstone");
        }
    }

    /** A column's value and the version are each one value of the event: a JSONPath without wildcards. */
    private static void checkOneValue(String path, String at, Problems problems) {
        try {
            if (!EventPath.compile(path).isDefinite()) {
                problems.add(at, "must name one value: no [*] in " + path);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
        }
    }

    /** Only the columns are written, each read by a JSONPath from the event. */
    @Override
    public List<FieldEffect> effects(Config config) {
        return config.columns() == null || config.columns().isEmpty() ? List.of()
                : List.of(new FieldEffect.KeepOnly(List.copyOf(config.columns().values())));
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return List::of;
    }

    @Override
    public Delivery open(Config config, TargetContext context) {
        return new JdbcDelivery(config, context);
    }

    /** Signs in to the database and finds the table with every configured column and the key. */
    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        Endpoint endpoint;
        try {
            endpoint = context.endpoint(config.connection(), Endpoint.Kind.JDBC);
        } catch (TargetFailure refused) {
            return ConnectionCheck.failed(refused.getMessage());
        }
        String where = "connection '" + config.connection() + "'";
        try (Connection connection = ConnectionChecks.signIn(endpoint, context)) {
            Set<String> columns = ConnectionChecks.columns(connection.getMetaData(), config.table());
            if (columns.isEmpty()) {
                return ConnectionCheck.failed("Signed in, but the table '" + config.table() + "' was not found");
            }
            Set<String> wanted = new LinkedHashSet<>(config.columns().keySet());
            wanted.addAll(config.key());
            List<String> missing = wanted.stream()
                    .filter(column -> !columns.contains(column.toLowerCase(Locale.ROOT))).toList();
            return missing.isEmpty()
                    ? ConnectionCheck.reached("Signed in: the table '" + config.table() + "' has every column")
                    : ConnectionCheck.failed("Signed in, but the table '" + config.table() + "' lacks "
                            + String.join(", ", missing));
        } catch (IllegalStateException | IllegalArgumentException refused) {
            return ConnectionCheck.failed(refused.getMessage());
        } catch (SQLException e) {
            return ConnectionCheck.failed("Cannot sign in to " + where + ": " + ConnectionChecks.describe(e));
        }
    }
}
