package dev.sluice.privacy;

/** Someone looked at a source's sample events (how many; never what they hold). */
public record SourceSamplesViewed(String source, String owner, int samples, String by) {
}
