package dev.sluice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * Request and response bodies of flow and event calls. They carry Jackson 2 trees (the library of
 * event-ruler and the CloudEvents SDK), so controllers take and return JSON text and convert here rather
 * than through Spring's Jackson 3 converters.
 */
public final class Bodies {

    private Bodies() {
    }

    /** Parses a request body; malformed JSON is a 400 at {@code $}. */
    public static JsonNode read(String body) {
        return FlowJson.parse(body == null ? "" : body);
    }

    public static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a response", e);
        }
    }
}
