package dev.sluice.source;

/** A source's home region changed; published in the changing transaction. */
public record SourceHomeMoved(String source, String owner, String before, String after, String by) {
}
