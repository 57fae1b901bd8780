package dev.sluice.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Where a flow being deployed starts: at its live events from now on, at the latest event of every key of its source
 * first (its snapshot), or at every event its source published since a point in time (its history).
 *
 * @param history where the history starts, to the second (events carry their publish time to the second); null for
 *                now or the snapshot
 */
public record StartFrom(boolean snapshot, Instant history) {

    public static final StartFrom NOW = new StartFrom(false, null);
    public static final StartFrom SNAPSHOT = new StartFrom(true, null);

    public StartFrom {
        if (snapshot && history != null) {
            throw new IllegalArgumentException("a flow starts from its snapshot or from a time, not both");
        }
    }

    public static StartFrom since(Instant from) {
        return new StartFrom(false, from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /**
     * {@code "now"}, {@code "snapshot"}, or an RFC 3339 date-time with its offset.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static StartFrom parse(String text) {
        switch (text) {
            case "now":
                return NOW;
            case "snapshot":
                return SNAPSHOT;
            default:
                try {
                    return since(OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("not \"now\", \"snapshot\" or a date-time with its offset "
                            + "such as 2026-12-01T00:00:00Z");
                }
        }
    }

    /** Whether the flow runs something before its live events. */
    public boolean replays() {
        return snapshot || history != null;
    }

    /** As the API and the audit log say it: {@code now}, {@code snapshot} or the time. */
    @Override
    public String toString() {
        return snapshot ? "snapshot" : history == null ? "now" : history.toString();
    }
}
