package dev.sluice.privacy;

/**
 * A proposed tag for a source field, for a steward to confirm.
 *
 * @param path    the field, array indexes written {@code [*]} ({@code $.data.contacts[*].phone})
 * @param tag     the proposed tag
 * @param hits    sample events in which the field held a value recognized as {@code tag}
 * @param present sample events in which the field held a value at all
 */
public record TagSuggestion(String path, String tag, int hits, int present) {
}
