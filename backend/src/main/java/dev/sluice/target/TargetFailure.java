package dev.sluice.target;

/** A target did not take an event. Messages name the target and the cause, never payload values. */
public class TargetFailure extends RuntimeException {

    private final boolean transientFailure;

    public TargetFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause, false, false);
        this.transientFailure = transientFailure;
    }

    /** True when the same event may succeed later (target down, timeout, 5xx); false when it never will. */
    public boolean isTransient() {
        return transientFailure;
    }
}
