package dev.sluice.engine;

import java.util.List;
import java.util.Map;

/**
 * Which try at an event this is, what its first failure said, and which targets it is still owed to (empty: all).
 * Read from the headers of a retried event, or carried along by an ordered flow that retries in place.
 */
record Attempt(int number, List<String> owed, String firstError) {

    static Attempt of(Map<String, Object> headers) {
        return new Attempt(Headers.attempt(headers), Headers.targets(headers),
                Headers.text(headers, Headers.FIRST_ERROR));
    }

    /**
     * For a flow that retries in place, where the event is handed back to its queue between tries: each time the
     * broker handed it out before counts as a try ({@link Headers#deliveryCount}), so an engine that restarts
     * meanwhile does not start counting again.
     */
    static Attempt inPlace(Map<String, Object> headers) {
        Attempt read = of(headers);
        return new Attempt(Math.max(read.number(), Headers.deliveryCount(headers) + 1), read.owed(),
                read.firstError());
    }

    Attempt next(List<String> failedTargets, String error) {
        return new Attempt(number + 1, List.copyOf(failedTargets), firstError != null ? firstError : error);
    }
}
