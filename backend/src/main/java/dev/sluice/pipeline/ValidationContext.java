package dev.sluice.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * What validation may know beyond the flow itself: the workspace it belongs to, the sources it may use and the
 * connections its targets may name.
 *
 * @param workspace   the flow's workspace
 * @param sources     the source catalog as this workspace sees it
 * @param connections the workspace's connections
 */
public record ValidationContext(String workspace, SourceDirectory sources, ConnectionDirectory connections) {

    /** Kind of a connection when validation cannot know it (a flow checked on its own). */
    public static final String ANY_KIND = "*";

    public ValidationContext(String workspace, SourceDirectory sources) {
        this(workspace, sources, name -> Optional.empty());
    }

    /**
     * For checking a flow on its own (dry-run from the command line): every source exists, is allowed and owned;
     * every connection exists.
     */
    public static ValidationContext standalone(String workspace) {
        return new ValidationContext(workspace, name -> Optional.of(new SourceInfo(name, List.of(), true, true)),
                name -> Optional.of(ANY_KIND));
    }

    /** Looks up sources by name. */
    @FunctionalInterface
    public interface SourceDirectory {
        Optional<SourceInfo> find(String name);
    }

    /** Looks up the workspace's connections by name: their kind ({@code jdbc}, {@code rabbitmq}, {@code http}). */
    @FunctionalInterface
    public interface ConnectionDirectory {
        Optional<String> kind(String name);
    }

    /**
     * @param eventTypes   the types the source publishes; empty when unknown
     * @param subscribable whether the flow's workspace owns the source or was granted subscribe
     * @param owned        whether the flow's workspace owns the source (and so may publish into it)
     */
    public record SourceInfo(String name, List<String> eventTypes, boolean subscribable, boolean owned) {
    }
}
