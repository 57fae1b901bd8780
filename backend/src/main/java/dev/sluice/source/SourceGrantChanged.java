package dev.sluice.source;

/** {@code workspace} was granted (or lost) the right to subscribe to {@code source}, which {@code owner} owns. */
public record SourceGrantChanged(String source, String owner, String workspace, boolean granted, String by) {
}
