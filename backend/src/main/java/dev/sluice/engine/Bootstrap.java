package dev.sluice.engine;

import java.time.Instant;

/**
 * What a deployed flow runs before its live events: the latest event of every key of its source (its snapshot), or,
 * with {@code from}, every event the source published since then (its history), in publish order.
 *
 * @param token names the run, so that every instance can tell when it went through
 * @param from  where the history starts, or null for the snapshot
 */
public record Bootstrap(String token, Instant from) {

    public static Bootstrap snapshot(String token) {
        return new Bootstrap(token, null);
    }

    public boolean isSnapshot() {
        return from == null;
    }
}
