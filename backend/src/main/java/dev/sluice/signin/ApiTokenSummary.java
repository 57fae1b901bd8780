package dev.sluice.signin;

import java.time.Instant;

/**
 * An API token as lists show it, never its secret: {@code hint} is its first characters, to tell tokens apart;
 * {@code expiresAt} null for one that does not expire, {@code revokedAt} null while it counts.
 */
public record ApiTokenSummary(long id, String username, String name, String hint, Instant createdAt,
                              Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {
}
