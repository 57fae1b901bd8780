package dev.sluice.workspace;

/**
 * A request refused by a workspace-scoped service (secrets, members, sources): the API maps {@link #reason()}
 * to 400, 404, 403 or 409. Objects of workspaces the caller is not a member of are reported as not found, never
 * as forbidden, so their existence does not leak.
 */
public class Refusal extends RuntimeException {

    public enum Reason {
        INVALID, NOT_FOUND, FORBIDDEN, CONFLICT
    }

    private final Reason reason;

    public Refusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static Refusal notFound(String what) {
        return new Refusal(Reason.NOT_FOUND, what + " does not exist or is not visible to you");
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Reason.FORBIDDEN, message);
    }

    public static Refusal invalid(String message) {
        return new Refusal(Reason.INVALID, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Reason.CONFLICT, message);
    }

    public Reason reason() {
        return reason;
    }
}
