package dev.sluice.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the audit tables. Appends must run inside a transaction: the chain head stays locked until commit. */
@Repository
class AuditStore {

    private static final String COLUMNS = "id, occurred_at, actor, workspace, action, object_type, object_id, "
            + "outcome, details, prev_hash, entry_hash";
    private static final RowMapper<AuditEntry> ENTRY = AuditStore::entry;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedParameterJdbcTemplate streaming;

    AuditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        JdbcTemplate batched = new JdbcTemplate(jdbc.getDataSource());
        // PostgreSQL streams with a fetch size only inside a transaction; callers of each() open one
        batched.setFetchSize(500);
        this.streaming = new NamedParameterJdbcTemplate(batched);
    }

    /** Locks the chain head, writes the entry after it and moves the head; returns the entry written. */
    AuditEntry append(String actor, String workspace, String action, String objectType, String objectId,
                      String outcome, String details) {
        Head head = jdbc.queryForObject("select entries, last_hash from audit_chain where id = 1 for update",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
        long id = head.entries() + 1;
        // microseconds: what both H2 and PostgreSQL keep, so the hash of the stored entry is the hash computed here
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditChain.hash(id, at, actor, workspace, action, objectType, objectId, outcome, details,
                head.lastHash());
        jdbc.update("insert into audit_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), actor, workspace, action, objectType, objectId, outcome,
                details, head.lastHash(), hash);
        jdbc.update("update audit_chain set entries = ?, last_hash = ? where id = 1", id, hash);
        return new AuditEntry(id, at, actor, workspace, action, objectType, objectId, outcome, details,
                head.lastHash(), hash);
    }

    /** Writes {@code entry} as it is, hashes and all: for an imported log, whose head {@link #moveHead} sets. */
    void insert(AuditEntry entry) {
        jdbc.update("insert into audit_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry.id(),
                OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC), entry.actor(), entry.workspace(),
                entry.action(), entry.objectType(), entry.objectId(), entry.outcome(), entry.details(),
                entry.prevHash(), entry.hash());
    }

    void moveHead(Head head) {
        jdbc.update("update audit_chain set entries = ?, last_hash = ? where id = 1", head.entries(), head.lastHash());
    }

    /** How many entries the chain head says exist, and the last one's hash. */
    record Head(long entries, String lastHash) {
    }

    Head head() {
        return jdbc.queryForObject("select entries, last_hash from audit_chain where id = 1",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    List<AuditEntry> page(AuditQuery query, Collection<String> workspaces, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(query, workspaces, params);
        params.addValue("offset", (long) page * size).addValue("size", size);
        return named.query("select " + COLUMNS + " from audit_log" + where
                + " order by id desc offset :offset rows fetch next :size rows only", params, ENTRY);
    }

    long count(AuditQuery query, Collection<String> workspaces) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long total = named.queryForObject("select count(*) from audit_log" + where(query, workspaces, params), params,
                Long.class);
        return total == null ? 0 : total;
    }

    /** Every matching entry oldest first, one at a time, without holding them all in memory. */
    void each(AuditQuery query, Collection<String> workspaces, Consumer<AuditEntry> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select " + COLUMNS + " from audit_log" + where(query, workspaces, params) + " order by id";
        streaming.query(sql, params, rs -> {
            sink.accept(entry(rs, 0));
        });
    }

    private static String where(AuditQuery query, Collection<String> workspaces, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.addValue("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.addValue("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        equal(conditions, params, "actor", query.actor());
        equal(conditions, params, "workspace", query.workspace());
        equal(conditions, params, "object_type", query.objectType());
        equal(conditions, params, "object_id", query.objectId());
        if (query.action() != null && query.action().endsWith("*")) {
            conditions.add("action like :action");
            params.addValue("action", query.action().substring(0, query.action().length() - 1)
                    .replace("%", "") + "%");
        } else {
            equal(conditions, params, "action", query.action());
        }
        if (workspaces != null) {
            if (workspaces.isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add("workspace in (:allowed)");
                params.addValue("allowed", workspaces);
            }
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void equal(List<String> conditions, MapSqlParameterSource params, String column, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(column + " = :" + column);
            params.addValue(column, value);
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditEntry(rs.getLong("id"), at.toInstant(),
                rs.getString("actor"), rs.getString("workspace"), rs.getString("action"), rs.getString("object_type"),
                rs.getString("object_id"), rs.getString("outcome"), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("entry_hash"));
    }
}
