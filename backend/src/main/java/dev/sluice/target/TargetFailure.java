package dev.sluice.target;

import dev.sluice.pipeline.FailureKind;

/** A target did not take an event. Messages name the target and the cause, never payload values. */
public class TargetFailure extends RuntimeException {

    private final FailureKind kind;

    /**
     * @param kind {@link FailureKind#TRANSIENT} when the same event may succeed later (target down, timeout, 5xx),
     *             {@link FailureKind#PERMANENT} when it never will
     */
    public TargetFailure(String message, FailureKind kind, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
