package dev.sluice.workspace;

/** Published in the creating transaction; {@code platformRole} may be null. */
public record UserCreated(String username, PlatformRole platformRole, String by) {
}
