package dev.sluice.latest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sluice.engine.KeptEvents;
import dev.sluice.region.Regions;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceCatalog;

/**
 * The latest event of every key of every source ({@code source_latest}), written by the engine's keepers in batches
 * with one upsert per event (PostgreSQL {@code INSERT … ON CONFLICT DO UPDATE}, H2 {@code MERGE … KEY}); read in
 * key order, a page at a time, to start a flow from the current state. Tombstones (deletes) are forgotten after
 * {@code sluice.latest.keep-tombstones} (7 days). On the embedded broker the keepers also append every event to the
 * source's history ({@code source_history}), read in publish order to start a flow from a point in time.
 */
@Repository
public class LatestEvents implements KeptEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SourceCatalog sources;
    private final boolean postgres;
    private final Duration keepTombstones;
    private final Duration keepHistory;
    private final Regions regions;
    private volatile Instant lastTidied;

    LatestEvents(DataSource dataSource, TransactionTemplate transactions, SourceCatalog sources, Regions regions,
                 @org.springframework.beans.factory.annotation.Value("${sluice.latest.keep-tombstones:7d}")
                 Duration keepTombstones,
                 @org.springframework.beans.factory.annotation.Value("${sluice.engine.keep-history:7d}")
                 Duration keepHistory) throws SQLException {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.sources = sources;
        this.regions = regions;
        this.keepTombstones = keepTombstones;
        this.keepHistory = keepHistory;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    @Override
    public void keep(String source, List<Kept> events, boolean andHistory) {
        String upsert = postgres
                ? "insert into source_latest (source, event_key, event_id, event_type, deleted, event, kept_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (source, event_key) do update set "
                        + "event_id = excluded.event_id, event_type = excluded.event_type, deleted = excluded.deleted, "
                        + "event = excluded.event, kept_at = excluded.kept_at"
                : "merge into source_latest (source, event_key, event_id, event_type, deleted, event, kept_at) "
                        + "key (source, event_key) values (?, ?, ?, ?, ?, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Kept event : events) {
            if (event.key() != null) {
                rows.add(new Object[] {source, event.key(), event.id(), event.type(), event.deleted(), event.event(),
                        now});
            }
        }
        List<Object[]> past = new ArrayList<>(andHistory ? events.size() : 0);
        if (andHistory) {
            for (Kept event : events) {
                past.add(new Object[] {source, event.key(), event.type(), event.publishedAt() == null ? now
                        : Timestamp.from(event.publishedAt()), event.event()});
            }
        }
        transactions.executeWithoutResult(status -> {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(upsert, rows);
            }
            if (!past.isEmpty()) {
                jdbc.batchUpdate("insert into source_history (source, event_key, event_type, published_at, event) "
                        + "values (?, ?, ?, ?, ?)", past);
            }
        });
    }

    @Override
    public List<Past> history(String source, Instant from, long afterSeq, long toSeq, int limit) {
        return jdbc.query("select seq, event_key, event_type, published_at, event from source_history where source = ? "
                        + "and seq > ? and seq <= ? and published_at >= ? order by seq fetch first " + limit
                        + " rows only",
                (row, index) -> new Past(row.getLong(1), row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant(), row.getString(5)), source, afterSeq, toSeq, Timestamp.from(from));
    }

    @Override
    public long newestInHistory(String source) {
        Long newest = jdbc.queryForObject("select max(seq) from source_history where source = ?", Long.class, source);
        return newest == null ? 0 : newest;
    }


    /** The sources published in this instance's region: elsewhere their events are copies, kept at home. */
    @Override
    public List<String> sources() {
        return sources.all().stream().filter(source -> regions.resolve(source.getHomeRegion()).equals(regions.here()))
                .map(EventSource::getName).toList();
    }

    @Override
    public String keyPath(String source) {
        return sources.find(source).map(EventSource::getKeyPath).orElse(EventSource.DEFAULT_KEY);
    }

    @Override
    public List<Kept> page(String source, String afterKey, int limit) {
        return jdbc.query("select event_key, event_id, event_type, deleted, event from source_latest "
                        + "where source = ? and event_key > ? order by event_key fetch first " + limit + " rows only",
                (row, index) -> new Kept(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getString(5)), source, afterKey);
    }

    /** How many keys of the source are kept, tombstones included. */
    public long count(String source) {
        Long count = jdbc.queryForObject("select count(*) from source_latest where source = ?", Long.class, source);
        return count == null ? 0 : count;
    }

    /** Forgets tombstones and history older than their retention, at most once an hour. */
    @Override
    public void tidy() {
        Instant now = Instant.now();
        if (lastTidied != null && lastTidied.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        lastTidied = now;
        jdbc.update("delete from source_latest where deleted = true and kept_at < ?",
                Timestamp.from(now.minus(keepTombstones)));
        jdbc.update("delete from source_history where published_at < ?", Timestamp.from(now.minus(keepHistory)));
    }
}
