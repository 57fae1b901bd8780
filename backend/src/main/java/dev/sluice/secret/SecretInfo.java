package dev.sluice.secret;

import java.time.Instant;

/** What may be known of a secret: its name and when and by whom it was set. Never its value. */
public record SecretInfo(String name, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
