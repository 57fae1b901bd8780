package dev.sluice.pipeline;

/**
 * An event could not pass a node. The message says why in terms of paths and types, never with values
 * from the event, because it ends up in dead-letter headers and logs.
 */
public class StepFailure extends Exception {

    private final FailureKind kind;

    /** A {@link FailureKind#PERMANENT} failure: bad input for this node, or bad config. */
    public StepFailure(String message) {
        this(message, FailureKind.PERMANENT, null);
    }

    public StepFailure(String message, FailureKind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
