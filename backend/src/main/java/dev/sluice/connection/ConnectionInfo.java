package dev.sluice.connection;

import java.time.Instant;

/** A connection as the API and the designer show it: its settings (secrets by name only) and who changed it when. */
public record ConnectionInfo(String workspace, ConnectionSpec spec, Instant createdAt, String createdBy,
                             Instant updatedAt, String updatedBy) {
}
