package dev.sluice.privacy;

/**
 * Personal data seen in an event, without its value.
 *
 * @param path the concrete JSONPath where it was found ({@code $.data.contacts[1].phone})
 * @param tag  the tag the recognizer suggests ({@code phone})
 */
public record PiiFinding(String path, String tag) {
}
