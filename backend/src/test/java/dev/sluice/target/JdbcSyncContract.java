package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.json.Json;
import dev.sluice.pipeline.FailureKind;

/**
 * What {@code target.jdbc} does with deletes and versions, run against each database a target may be (H2 and
 * PostgreSQL subclasses): deletes by key or by marker, and with a version, writes that only ever move a row forward.
 */
abstract class JdbcSyncContract {

    /** The target's context, reaching the database as the connection {@code db}. */
    abstract TargetContext context();

    /** A connection to the same database, for the test to set up and read. */
    abstract Connection database() throws SQLException;

    /** The table name the target is given ({@code schema.table} on PostgreSQL). */
    abstract String table(String name);

    private JdbcDelivery open(String table, List<String> deleteOn, String softDelete, String version) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("user_id", "$.data.userId");
        columns.put("email", "$.data.email");
        columns.put("changed", "$.data.changedAt");
        return new JdbcDelivery(new JdbcTarget.Config("db", table(table), List.of("user_id"), columns, deleteOn,
                softDelete, version, null), context());
    }

    private void createTable(String name, boolean softDelete) throws SQLException {
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table(name) + " (user_id VARCHAR(40) PRIMARY KEY, email VARCHAR(200),"
                    + " changed VARCHAR(60)" + (softDelete ? ", deleted BOOLEAN" : "") + ")");
        }
    }

    private static ObjectNode event(String type, String user, String email, Object changedAt) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("specversion", "1.0").put("id", user + "-" + changedAt)
                .put("source", "user-center").put("type", type);
        ObjectNode data = event.putObject("data").put("userId", user);
        if (email != null) {
            data.put("email", email);
        }
        if (changedAt instanceof Number number) {
            data.put("changedAt", number.longValue());
        } else if (changedAt != null) {
            data.put("changedAt", changedAt.toString());
        }
        return event;
    }

    private static void deliver(JdbcDelivery delivery, ObjectNode event) {
        delivery.deliver(event, event.path("id").asText()).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static void restate(JdbcDelivery delivery, ObjectNode event) {
        delivery.restate(event, event.path("id").asText()).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** user_id → email (and, where the table has one, the marker), in key order. */
    private Map<String, String> rows(String table) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = database(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table(table) + " ORDER BY user_id")) {
            boolean marked = result.getMetaData().getColumnCount() > 3;
            while (result.next()) {
                rows.put(result.getString("user_id"), result.getString("email")
                        + (marked && result.getBoolean("deleted") ? " (deleted)" : ""));
            }
        }
        return rows;
    }

    @Test
    void aDeletedTypeDeletesTheRowByItsKeyAndOtherTypesUpsert() throws SQLException {
        createTable("plain", false);
        try (JdbcDelivery delivery = open("plain", null, null, null)) {
            deliver(delivery, event("user.created", "u1", "a@x.cn", 1));
            deliver(delivery, event("user.created", "u2", "b@x.cn", 1));
            deliver(delivery, event("user.deleted", "u1", null, 2));
            deliver(delivery, event("user.deleted", "u9", null, 2));
        }

        assertThat(rows("plain")).containsExactly(Map.entry("u2", "b@x.cn"));
    }

    @Test
    void anEmptyDeleteOnUpsertsEveryType() throws SQLException {
        createTable("nodeletes", false);
        try (JdbcDelivery delivery = open("nodeletes", List.of(), null, null)) {
            deliver(delivery, event("user.deleted", "u1", "gone@x.cn", 1));
        }

        assertThat(rows("nodeletes")).containsExactly(Map.entry("u1", "gone@x.cn"));
    }

    @Test
    void aSoftDeleteMarksTheRowAndANewerUpsertClearsTheMark() throws SQLException {
        createTable("soft", true);
        try (JdbcDelivery delivery = open("soft", List.of("user.removed"), "deleted", null)) {
            deliver(delivery, event("user.created", "u1", "a@x.cn", 1));
            deliver(delivery, event("user.created", "u2", "b@x.cn", 1));
            deliver(delivery, event("user.removed", "u1", null, 2));
            deliver(delivery, event("user.removed", "u2", null, 2));
            deliver(delivery, event("user.created", "u2", "b2@x.cn", 3));
        }

        assertThat(rows("soft")).containsExactly(Map.entry("u1", "a@x.cn (deleted)"), Map.entry("u2", "b2@x.cn"));
    }

    @Test
    void withAVersionAnOlderOrRepeatedEventChangesNothing() throws SQLException {
        createTable("versioned", false);
        try (JdbcDelivery delivery = open("versioned", null, null, "$.data.changedAt")) {
            deliver(delivery, event("user.updated", "u1", "v10@x.cn", 10));
            deliver(delivery, event("user.updated", "u1", "v9@x.cn", 9));
            deliver(delivery, event("user.updated", "u1", "again@x.cn", 10));
            deliver(delivery, event("user.updated", "u2", "t1@x.cn", "2026-12-01T10:00:00+08:00"));
            // the same instant written in UTC, then an earlier instant whose text sorts later
            deliver(delivery, event("user.updated", "u2", "same@x.cn", "2026-12-01T02:00:00Z"));
            deliver(delivery, event("user.updated", "u2", "earlier@x.cn", "2026-12-01T09:00:00+08:00"));
            deliver(delivery, event("user.updated", "u2", "t2@x.cn", "2026-12-01T02:00:00.5Z"));
        }

        assertThat(rows("versioned")).containsExactly(Map.entry("u1", "v10@x.cn"), Map.entry("u2", "t2@x.cn"));
    }

    @Test
    void aRestatedEventWritesItsVersionAgainSoAnEmptiedCopyFillsButNeverGoesBack() throws SQLException {
        createTable("restated", false);
        try (JdbcDelivery delivery = open("restated", null, null, "$.data.changedAt")) {
            deliver(delivery, event("user.updated", "u1", "v10@x.cn", 10));
            deliver(delivery, event("user.updated", "u2", "v20@x.cn", 20));
            deliver(delivery, event("user.deleted", "u3", null, 30));
            try (Connection connection = database(); Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM " + table("restated"));
            }

            // a resync restates each key's current event: the emptied table fills again, the delete stays a delete
            restate(delivery, event("user.updated", "u1", "v10@x.cn", 10));
            restate(delivery, event("user.deleted", "u3", null, 30));
            // a restated event older than the row's version still changes nothing
            restate(delivery, event("user.updated", "u2", "v19@x.cn", 19));
            restate(delivery, event("user.updated", "u3", "v29@x.cn", 29));
        }

        assertThat(rows("restated")).containsExactly(Map.entry("u1", "v10@x.cn"));
    }

    @Test
    void aDeleteLeavesATombstoneSoALateOlderUpdateCannotBringTheRowBackButANewerOneCan() throws SQLException {
        createTable("tombstones", false);
        try (JdbcDelivery delivery = open("tombstones", null, null, "$.data.changedAt")) {
            deliver(delivery, event("user.created", "u1", "a@x.cn", 1));
            deliver(delivery, event("user.deleted", "u1", null, 5));
            deliver(delivery, event("user.updated", "u1", "late@x.cn", 4));
            deliver(delivery, event("user.deleted", "u2", null, 7));
            deliver(delivery, event("user.created", "u2", "early@x.cn", 6));
            assertThat(rows("tombstones")).isEmpty();

            deliver(delivery, event("user.created", "u1", "again@x.cn", 6));
        }

        assertThat(rows("tombstones")).containsExactly(Map.entry("u1", "again@x.cn"));
    }

    @Test
    void anEventWithoutItsVersionOrKeyFailsForGoodNamingWhatIsMissing() throws SQLException {
        createTable("missing", false);
        try (JdbcDelivery delivery = open("missing", null, null, "$.data.changedAt")) {
            assertThatThrownBy(() -> deliver(delivery, event("user.updated", "u1", "a@x.cn", null)))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(TargetFailure.class)
                    .hasMessageContaining("no version at $.data.changedAt")
                    .extracting(failure -> ((TargetFailure) failure).kind()).isEqualTo(FailureKind.PERMANENT);
            ObjectNode keyless = event("user.deleted", "u1", null, 3);
            ((ObjectNode) keyless.get("data")).remove("userId");
            assertThatThrownBy(() -> deliver(delivery, keyless)).cause().hasMessageContaining("no value for a key");
        }
    }

    @Test
    void concurrentWritesOfOneKeyInAnyOrderLeaveTheNewest() throws Exception {
        createTable("raced", false);
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= 60; v++) {
            versions.add(v);
        }
        Collections.shuffle(versions, new Random(7));
        try (JdbcDelivery delivery = open("raced", null, null, "$.data.changedAt")) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int v : versions) {
                ObjectNode event = v % 10 == 0 ? event("user.deleted", "u1", null, v)
                        : event("user.updated", "u1", "v" + v + "@x.cn", v);
                writes.add(CompletableFuture.runAsync(() -> untilDone(delivery, event)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(rows("raced")).isEmpty();

            deliver(delivery, event("user.updated", "u1", "v59@x.cn", 59));
            deliver(delivery, event("user.created", "u1", "v61@x.cn", 61));
        }

        assertThat(rows("raced")).containsExactly(Map.entry("u1", "v61@x.cn"));
    }

    /** As the engine does: a transient failure is tried again. */
    private static void untilDone(JdbcDelivery delivery, ObjectNode event) {
        for (int attempt = 0; ; attempt++) {
            try {
                delivery.deliver(event, event.path("id").asText()).get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TargetFailure failure) || failure.kind() != FailureKind.TRANSIENT
                        || attempt > 20) {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
