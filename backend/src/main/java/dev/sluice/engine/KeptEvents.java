package dev.sluice.engine;

import java.util.List;

/** Where the engine keeps the latest event of each key of a source ({@link LatestKeeper}). */
public interface KeptEvents {

    /**
     * One source's events, in publish order: each becomes its key's latest (a later one of the same key in the
     * list wins). All or none.
     */
    void keep(String source, List<Kept> events);

    /** The sources whose latest events are kept: every registered one. */
    List<String> sources();

    /** The JSONPath of the source's key, for events published without the key header. */
    String keyPath(String source);

    /** Up to {@code limit} of the source's kept events with keys after {@code afterKey} ("" for the first), by key. */
    List<Kept> page(String source, String afterKey, int limit);

    /** Housekeeping (old tombstones), called every few seconds; does the work only now and then. */
    default void tidy() {
    }

    /**
     * An event to keep.
     *
     * @param deleted its type says the thing is gone: kept as a tombstone
     */
    record Kept(String key, String id, String type, boolean deleted, String event) {
    }
}
