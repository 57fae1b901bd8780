package dev.sluice.audit;

import java.time.Instant;

/**
 * One entry as stored. {@code details} is JSON text (never payload values); {@code hash} is SHA-256 over the
 * canonical form of every other field including {@code prevHash}.
 */
public record AuditEntry(long id, Instant at, String actor, String workspace, String action, String objectType,
                         String objectId, String outcome, String details, String prevHash, String hash) {
}
