package dev.sluice.target;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.pipeline.FailureKind;

/**
 * The newest version applied to each row of a {@code target.jdbc} table with a {@code version}, deleted rows
 * included (their tombstones), kept in {@code sluice_row_versions} beside the table. A write first claims its
 * row's entry with one conditional upsert, which succeeds only when the event is newer than the entry; it then
 * writes the row in the same transaction. The claim holds the entry's row lock until commit, so two writers of
 * one key are serialized by the database and there is no read-then-write race; an older or repeated event
 * claims nothing and changes nothing, and a late update of a deleted key finds its tombstone.
 *
 * <p>Versions are compared as text in an order-preserving encoding: non-negative numbers by value, RFC 3339
 * timestamps by instant, any other text as it is.
 */
final class RowVersions {

    static final String TABLE = "sluice_row_versions";
    private static final int MAX_VERSION = 120;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);

    private final JdbcUrl.Driver driver;
    private final String table;
    private final String versions;
    private final String claim;
    private final String claimAgain;
    private final Duration keepTombstones;

    /** @param table the target table, as configured ({@code schema.table} puts the versions in that schema) */
    RowVersions(JdbcUrl.Driver driver, String table, Duration keepTombstones) {
        this.driver = driver;
        this.table = table;
        int dot = table.indexOf('.');
        this.versions = dot < 0 ? TABLE : table.substring(0, dot + 1) + TABLE;
        this.keepTombstones = keepTombstones;
        this.claim = claim(driver, versions, "<");
        this.claimAgain = claim(driver, versions, "<=");
    }

    /** The conditional upsert of a row's entry, taking effect where the entry's version {@code compare}s the event's. */
    private static String claim(JdbcUrl.Driver driver, String versions, String compare) {
        return driver == JdbcUrl.Driver.H2
                ? "MERGE INTO " + versions + " v USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(1000)),"
                        + " CAST(? AS VARCHAR(" + MAX_VERSION + ")), CAST(? AS BOOLEAN), CAST(? AS TIMESTAMP)))"
                        + " s(target_table, row_key, version, deleted, changed_at)"
                        + " ON v.target_table = s.target_table AND v.row_key = s.row_key"
                        + " WHEN MATCHED AND v.version " + compare + " s.version THEN UPDATE SET version = s.version,"
                        + " deleted = s.deleted, changed_at = s.changed_at"
                        + " WHEN NOT MATCHED THEN INSERT (target_table, row_key, version, deleted, changed_at)"
                        + " VALUES (s.target_table, s.row_key, s.version, s.deleted, s.changed_at)"
                : "INSERT INTO " + versions + " AS v (target_table, row_key, version, deleted, changed_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (target_table, row_key) DO UPDATE SET"
                        + " version = EXCLUDED.version, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at"
                        + " WHERE v.version " + compare + " EXCLUDED.version";
    }

    /** Creates the versions table when it is missing (the connection's user needs the right to). */
    void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + versions + " (target_table VARCHAR(200) NOT NULL,"
                    + " row_key VARCHAR(1000) NOT NULL, version VARCHAR(" + MAX_VERSION + ")"
                    // PostgreSQL compares text by the database's collation, which may skip punctuation; bytes it is
                    + (driver == JdbcUrl.Driver.POSTGRESQL ? " COLLATE \"C\"" : "") + " NOT NULL,"
                    + " deleted BOOLEAN NOT NULL, changed_at TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (target_table, row_key))");
        } catch (SQLException e) {
            // another engine instance created it at the same moment (PostgreSQL's IF NOT EXISTS does not wait)
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Records {@code version} for the row {@code key} when it is newer than what the row holds (or, {@code again},
     * as new: a snapshot restating the row's current event), inside the caller's transaction.
     *
     * @return whether the event is the newest the row has seen, so its write must go ahead
     */
    boolean claim(Connection connection, String key, String version, boolean deleted, boolean again)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(again ? claimAgain : claim)) {
            statement.setString(1, table);
            statement.setString(2, key);
            statement.setString(3, version);
            statement.setBoolean(4, deleted);
            statement.setTimestamp(5, Timestamp.from(Instant.now()));
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            if (driver == JdbcUrl.Driver.H2 && "23505".equals(e.getSQLState())) {
                // two first writes of one key raced on H2's MERGE; the loser's retry finds the winner's entry
                throw new TargetFailure("another write of this row came first; retrying", FailureKind.TRANSIENT, e);
            }
            throw e;
        }
    }

    /** Forgets tombstones older than the retention: a later, older update of such a key would write it again. */
    int forgetOldTombstones(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + versions + " WHERE target_table = ? AND deleted = TRUE AND changed_at < ?")) {
            statement.setString(1, table);
            statement.setTimestamp(2, Timestamp.from(Instant.now().minus(keepTombstones)));
            return statement.executeUpdate();
        }
    }

    /**
     * A version as text that sorts as the versions do: a non-negative number by value (its integer part padded to 30
     * digits), an RFC 3339 timestamp by instant (UTC, nanoseconds), other text as it is.
     *
     * @throws TargetFailure (permanent) when the event carries no version or one that cannot be ordered
     */
    static String encode(JsonNode value, String path) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new TargetFailure("the event has no version at " + path, FailureKind.PERMANENT, null);
        }
        String encoded;
        if (value.isNumber()) {
            encoded = number(value.decimalValue(), path);
        } else if (value.isTextual()) {
            encoded = text(value.asText());
        } else {
            throw new TargetFailure("the version at " + path + " is " + value.getNodeType().name().toLowerCase()
                    + ", not a number or text", FailureKind.PERMANENT, null);
        }
        if (encoded.length() > MAX_VERSION) {
            throw new TargetFailure("the version at " + path + " is longer than " + MAX_VERSION + " characters",
                    FailureKind.PERMANENT, null);
        }
        return encoded;
    }

    private static String number(BigDecimal number, String path) {
        if (number.signum() < 0) {
            throw new TargetFailure("the version at " + path + " is negative; versions are counted up from 0",
                    FailureKind.PERMANENT, null);
        }
        String plain = number.stripTrailingZeros().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        if (whole.length() > 30) {
            throw new TargetFailure("the version at " + path + " has more than 30 digits", FailureKind.PERMANENT, null);
        }
        return "0".repeat(30 - whole.length()) + plain;
    }

    private static String text(String text) {
        if (text.length() >= 20 && Character.isDigit(text.charAt(0)) && text.charAt(10) == 'T') {
            try {
                return INSTANT.format(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notATimestamp) {
                return text;
            }
        }
        return text;
    }
}
