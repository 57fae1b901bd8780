package dev.sluice.source;

/** A source's data schema and sample events were set; published in the changing transaction. */
public record SourceDescribed(String source, String owner, boolean hasSchema, int samples, String by) {
}
