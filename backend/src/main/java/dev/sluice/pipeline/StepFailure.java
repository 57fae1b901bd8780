package dev.sluice.pipeline;

/**
 * An event could not pass a node. The message says why in terms of paths and types, never with values
 * from the event, because it ends up in dead-letter headers and logs.
 */
public class StepFailure extends Exception {

    private final boolean transientFailure;

    public StepFailure(String message) {
        this(message, false, null);
    }

    public StepFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying again later may succeed (a target was down); false for bad input or config. */
    public boolean isTransient() {
        return transientFailure;
    }
}
