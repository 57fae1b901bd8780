package dev.sluice.pipeline;

/** Where the palette groups a kind, in the palette's order. */
public enum NodeCategory {
    /** Where events come from. */
    SOURCE,
    /** Lets some events through. */
    FILTER,
    /** Reshapes an event's fields. */
    TRANSFORM,
    /** Desensitizes personal data. */
    PRIVACY,
    /** Code a steward writes: scripts and templates. */
    CODE,
    /** Where events are delivered. */
    TARGET
}
