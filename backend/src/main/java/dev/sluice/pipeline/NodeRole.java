package dev.sluice.pipeline;

/** Where a kind may stand in a flow. */
public enum NodeRole {
    /** The one entry: which source, which event types. */
    SOURCE,
    /** Takes an event, passes on zero or more. */
    PROCESSOR,
    /** An exit: what reaches it is delivered. */
    TARGET
}
