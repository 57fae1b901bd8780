package dev.sluice.audit;

import java.time.Instant;

/** Filters of a search or export; {@code null} means any. {@code action} ending in {@code *} is a prefix. */
public record AuditQuery(Instant from, Instant to, String actor, String workspace, String action,
                         String objectType, String objectId) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }
}
