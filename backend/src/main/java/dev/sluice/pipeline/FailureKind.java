package dev.sluice.pipeline;

/**
 * What kind of failure stopped an event, decided where it happened (the sandbox, the template renderer, a target)
 * and carried as data, so the engine never has to read a message to know what to do.
 */
public enum FailureKind {

    /**
     * The event is not one the flow can read: not a CloudEvent. The engine checks this before the pipeline runs
     * and dead-letters the event as {@code malformed} with the problems found; it is never retried.
     */
    MALFORMED,

    /**
     * Trying again later may succeed: a target was down, refused the connection, timed out or answered 5xx, or
     * every context of a script stayed busy. The engine retries the event after each of its retry delays and
     * dead-letters it once they are used up.
     */
    TRANSIENT,

    /**
     * The event fails the same way every time: bad config, an event that does not fit a node, a script that
     * threw, a target that refused it for good (4xx, a constraint). The engine dead-letters it at once with the
     * reason.
     */
    PERMANENT,

    /**
     * A script or template ran out of its budget of time, statements, memory, loop iterations or output. Time and
     * memory depend on the machine's load as much as on the event, so the engine retries the event as it does a
     * transient failure, and counts it: after {@code sluice.engine.budget-failures-to-pause} such failures in a row
     * the flow is paused.
     */
    BUDGET;

    /** Whether the engine tries the event again after its retry delays before dead-lettering it. */
    public boolean isRetried() {
        return this == TRANSIENT || this == BUDGET;
    }
}
