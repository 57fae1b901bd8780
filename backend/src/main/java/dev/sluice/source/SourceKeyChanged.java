package dev.sluice.source;

/** A source's key (a JSONPath) was changed; published in the changing transaction. */
public record SourceKeyChanged(String source, String owner, String before, String after, String by) {
}
