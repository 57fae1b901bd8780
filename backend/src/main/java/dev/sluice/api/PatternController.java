package dev.sluice.api;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.EventPattern;

/**
 * {@code POST /api/patterns/test} {@code {"pattern", "event"}}: whether the event matches the filter pattern,
 * with the filter node's semantics. Any signed-in user may ask; nothing is stored.
 */
@RestController
@RequestMapping("/api/patterns")
class PatternController {

    // required = false: an empty body gets the API's error format, not Spring's default 400
    @PostMapping(path = "/test", produces = MediaType.APPLICATION_JSON_VALUE)
    String test(@RequestBody(required = false) String body) {
        JsonNode request = Bodies.read(body);
        if (!request.isObject()) {
            throw new InvalidFlowException("$", "must be a JSON object with a pattern and an event");
        }
        Problems problems = new Problems();
        Optional<EventPattern> pattern = Optional.empty();
        if (request.hasNonNull("pattern")) {
            pattern = EventPattern.compile(request.get("pattern"), problems.at(".pattern"));
        } else {
            problems.add(".pattern", "is required: the filter pattern to test");
        }
        JsonNode event = request.get("event");
        if (event == null || event.isNull()) {
            problems.add(".event", "is required: the event to test, a JSON object");
        } else if (!event.isObject()) {
            problems.add(".event", "must be a JSON object (a CloudEvent)");
        }
        problems.throwIfAny();
        return Bodies.write(Map.of("matches", pattern.orElseThrow().matches(event)));
    }
}
