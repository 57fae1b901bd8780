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

    Attempt next(List<String> failedTargets, String error) {
        return new Attempt(number + 1, List.copyOf(failedTargets), firstError != null ? firstError : error);
    }
}
