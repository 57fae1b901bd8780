package dev.sluice.engine;

import java.time.Instant;
import java.util.List;

/**
 * Where the engine keeps the latest event of each key of a source ({@link LatestKeeper}), and on the embedded broker,
 * which has no streams, the source's history.
 */
public interface KeptEvents {

    /**
     * One source's events, in publish order: each with a key becomes its key's latest (a later one of the same key
     * in the list wins), and with {@code andHistory} each is appended to the source's history. All or none.
     */
    void keep(String source, List<Kept> events, boolean andHistory);

    /**
     * Up to {@code limit} events of the source's history published at or after {@code from}, with a sequence number
     * after {@code afterSeq} and at most {@code toSeq}, in publish order.
     */
    default List<Past> history(String source, Instant from, long afterSeq, long toSeq, int limit) {
        return List.of();
    }

    /** The sequence number of the newest event of the source's history, 0 when it holds none. */
    default long newestInHistory(String source) {
        return 0;
    }


    /** The sources whose latest events are kept: every registered one. */
    List<String> sources();

    /** The JSONPath of the source's key, for events published without the key header. */
    String keyPath(String source);

    /** Up to {@code limit} of the source's kept events with keys after {@code afterKey} ("" for the first), by key. */
    List<Kept> page(String source, String afterKey, int limit);

    /** Housekeeping (old tombstones and history), called every few seconds; does the work only now and then. */
    default void tidy() {
    }

    /**
     * An event to keep.
     *
     * @param key         the value of the source's key in the event, or null when it has none (kept in the history
     *                    only)
     * @param deleted     its type says the thing is gone: kept as a tombstone
     * @param publishedAt when ingest published it (when it came, for events that do not say)
     */
    record Kept(String key, String id, String type, boolean deleted, String event, Instant publishedAt) {

        public Kept(String key, String id, String type, boolean deleted, String event) {
            this(key, id, type, deleted, event, null);
        }
    }

    /** An event of a source's history, as published; {@code key} is null when it had none. */
    record Past(long seq, String key, String type, Instant publishedAt, String event) {
    }
}
