package dev.sluice.source;

import java.util.List;

/** A source was added to the catalog; published in the registering transaction. */
public record SourceRegistered(String source, String owner, List<String> eventTypes, String by) {
}
