package dev.sluice.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * What validation may know beyond the flow itself: the workspace it belongs to and the sources it may use.
 *
 * @param workspace the flow's workspace
 * @param sources   the source catalog as this workspace sees it
 */
public record ValidationContext(String workspace, SourceDirectory sources) {

    /** For checking a flow on its own (dry-run from the command line): every source exists and is allowed. */
    public static ValidationContext standalone(String workspace) {
        return new ValidationContext(workspace, name -> Optional.of(new SourceInfo(name, List.of(), true)));
    }

    /** Looks up sources by name. */
    @FunctionalInterface
    public interface SourceDirectory {
        Optional<SourceInfo> find(String name);
    }

    /**
     * @param eventTypes   the types the source publishes; empty when unknown
     * @param subscribable whether the flow's workspace owns the source or was granted subscribe
     */
    public record SourceInfo(String name, List<String> eventTypes, boolean subscribable) {
    }
}
