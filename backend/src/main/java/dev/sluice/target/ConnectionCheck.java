package dev.sluice.target;

/**
 * What a "test connection" found, in words for a steward: whether the target could be reached with the node's
 * settings, and what answered or what went wrong. No event is sent.
 */
public record ConnectionCheck(boolean reachable, String message) {

    static ConnectionCheck reached(String message) {
        return new ConnectionCheck(true, message);
    }

    static ConnectionCheck failed(String message) {
        return new ConnectionCheck(false, message);
    }
}
