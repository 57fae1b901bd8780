package dev.sluice.flowstore;

import java.util.List;

import dev.sluice.flow.FlowProblem;

/**
 * A flow operation refused for a reason other than an invalid document (that is
 * {@link dev.sluice.flow.InvalidFlowException}): the flow is not visible, the user may not change it, or it
 * changed or is in use, or the user has too many of them running.
 */
public class FlowStoreException extends RuntimeException {

    public enum Reason {
        /** Absent, or in a workspace the user is not a member of: the two are never told apart. */
        NOT_FOUND,
        /** Visible, but the user's role does not allow this. */
        FORBIDDEN,
        /** Someone saved in between, the name is taken, or the flow is deployed. */
        CONFLICT,
        /** The user already runs as many of these as one may at once; try again when one has finished. */
        BUSY,
        /** The request cannot work with this flow as it is (an option that does not fit it). */
        INVALID
    }

    private final Reason reason;
    private final String path;
    private final List<FlowProblem> details;

    public FlowStoreException(Reason reason, String path, String message) {
        this(reason, path, message, List.of());
    }

    private FlowStoreException(Reason reason, String path, String message, List<FlowProblem> details) {
        super(message);
        this.reason = reason;
        this.path = path;
        this.details = List.copyOf(details);
    }

    /** A conflict with one line for the whole refusal and one problem for each thing that caused it. */
    static FlowStoreException conflict(String path, String message, List<FlowProblem> details) {
        return new FlowStoreException(Reason.CONFLICT, path, message, details);
    }

    static FlowStoreException invalid(String path, String message) {
        return new FlowStoreException(Reason.INVALID, path, message);
    }

    static FlowStoreException notFound(String what) {
        return notFound("$", what);
    }

    static FlowStoreException notFound(String path, String what) {
        return new FlowStoreException(Reason.NOT_FOUND, path, what + " does not exist or is not visible to you");
    }

    static FlowStoreException forbidden(String path, String message) {
        return new FlowStoreException(Reason.FORBIDDEN, path, message);
    }

    static FlowStoreException conflict(String path, String message) {
        return new FlowStoreException(Reason.CONFLICT, path, message);
    }

    public Reason reason() {
        return reason;
    }

    /** What caused the refusal, each at its path in the flow; empty when the message says it all. */
    public List<FlowProblem> details() {
        return details;
    }

    /** JSONPath into the request body the refusal concerns, {@code $} for the request as a whole. */
    public String path() {
        return path;
    }
}
