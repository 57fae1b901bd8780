package dev.sluice.flow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowJson;

/** The sample events shipped with the designer (user-center events), for previews. */
record SampleEvents(List<JsonNode> events) {

    static SampleEvents shipped() {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/samples/user-center-events.jsonl")) {
            if (in == null) {
                return new SampleEvents(List.of());
            }
            return new SampleEvents(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(FlowJson::parse)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the picker names an event: its type and subject. */
    static String label(JsonNode event) {
        return event.path("type").asText("?") + " · " + event.path("subject").asText(event.path("id").asText(""));
    }
}
