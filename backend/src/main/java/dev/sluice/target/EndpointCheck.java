package dev.sluice.target;

/** "Test connection" for a connection on its own: signs in or asks, and reports a short reason of Sluice's own. */
public final class EndpointCheck {

    private EndpointCheck() {
    }

    /** Checks the rules (names resolved) and then reaches {@code endpoint} with its credentials; sends no event. */
    public static ConnectionCheck check(Endpoint endpoint, TargetContext context) {
        return ConnectionChecks.endpoint(endpoint, context);
    }
}
