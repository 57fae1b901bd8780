package dev.sluice.cloudevent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;

/**
 * Reads the CloudEvents in an HTTP request, by the HTTP protocol binding: structured mode
 * ({@code application/cloudevents+json}), batched mode ({@code application/cloudevents-batch+json}), or binary
 * mode ({@code ce-} headers, the body as data). Problems of structured events are at JSON paths ({@code $.id},
 * {@code $[2].time}), of binary ones at the header ({@code ce-id}, {@code Content-Type}, {@code body}).
 */
public final class HttpCloudEvents {

    private static final String HEADER_PREFIX = "ce-";

    private HttpCloudEvents() {
    }

    /** A CloudEvents format other than JSON, which Sluice does not read (HTTP 415). */
    public static final class UnsupportedFormat extends RuntimeException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    /**
     * The request's events, or every problem of all of them.
     *
     * @param headers every header of the request by name (any case), each with all its values
     * @throws UnsupportedFormat when the content type names a CloudEvents format that is not JSON
     */
    public static CloudEventReading read(String contentType, Map<String, List<String>> headers, byte[] body) {
        return switch (Mode.of(contentType)) {
            case BATCHED -> {
                requireJsonFormat(contentType, "cloudevents-batch+json");
                yield batch(body);
            }
            case STRUCTURED -> {
                requireJsonFormat(contentType, "cloudevents+json");
                yield structured(body);
            }
            case BINARY -> binary(contentType, headers, body);
        };
    }

    /** Where attribute {@code attribute} of the {@code i}th event was sent: {@code $[i].id}, {@code $.id} or {@code ce-id}. */
    public static String attributePath(String contentType, int i, String attribute) {
        return switch (Mode.of(contentType)) {
            case BATCHED -> "$[" + i + "]." + attribute;
            case STRUCTURED -> "$." + attribute;
            case BINARY -> HEADER_PREFIX + attribute;
        };
    }

    /** The HTTP binding's content modes, told apart by the Content-Type's prefix (§3). */
    private enum Mode {
        STRUCTURED, BATCHED, BINARY;

        static Mode of(String contentType) {
            String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
            return type.startsWith("application/cloudevents-batch") ? BATCHED
                    : type.startsWith("application/cloudevents") ? STRUCTURED : BINARY;
        }
    }

    private static void requireJsonFormat(String contentType, String subtype) {
        if (MediaType.parse(contentType).filter(type -> type.subtype().equals(subtype)).isEmpty()) {
            throw new UnsupportedFormat("Sluice reads the JSON event format only: send Content-Type application/"
                    + subtype + ", or the event in binary mode");
        }
    }

    private static CloudEventReading structured(byte[] body) {
        Problems problems = new Problems();
        Problems warnings = new Problems();
        JsonNode event = parse(body, problems);
        List<ObjectNode> events = new ArrayList<>();
        if (event != null && CloudEventRules.check(event, problems, warnings)) {
            events.add(CloudEventRules.stored((ObjectNode) event));
        }
        return result(events, problems, warnings);
    }

    private static CloudEventReading batch(byte[] body) {
        Problems problems = new Problems();
        Problems warnings = new Problems();
        JsonNode batch = parse(body, problems);
        List<ObjectNode> events = new ArrayList<>();
        if (batch != null && !batch.isArray()) {
            problems.add("must be a JSON array of CloudEvents: a batch");
        } else if (batch != null) {
            for (int i = 0; i < batch.size(); i++) {
                if (CloudEventRules.check(batch.get(i), problems.at("[" + i + "]"), warnings.at("[" + i + "]"))) {
                    events.add(CloudEventRules.stored((ObjectNode) batch.get(i)));
                }
            }
        }
        return result(events, problems, warnings);
    }

    private static CloudEventReading binary(String contentType, Map<String, List<String>> headers, byte[] body) {
        BinaryModeEvent event = new BinaryModeEvent(HEADER_PREFIX, "Content-Type");
        headers.forEach((header, values) -> {
            String name = header.toLowerCase(Locale.ROOT);
            if (!name.startsWith(HEADER_PREFIX) || !event.accepts(name, name.substring(HEADER_PREFIX.length()))) {
                return;
            }
            if (values.size() != 1) {
                event.problem(name, "is sent " + values.size() + " times; an attribute has one value");
                return;
            }
            try {
                event.attributes().put(name.substring(HEADER_PREFIX.length()), HeaderValue.decode(values.get(0).trim()));
            } catch (IllegalArgumentException e) {
                event.problem(name, e.getMessage());
            }
        });
        if (!event.hasAttributesOrProblems()) {
            return CloudEventReading.refused(List.of(new FlowProblem("$", "is not a CloudEvent: send it in binary "
                    + "mode (ce-specversion, ce-id, ce-source and ce-type headers, the data as the body) or in "
                    + "structured mode (Content-Type application/cloudevents+json)")), List.of());
        }
        return event.finish(contentType, body);
    }

    private static JsonNode parse(byte[] body, Problems problems) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(body);
            if (parsed == null || parsed.isMissingNode()) {
                problems.add("is empty: a CloudEvent in JSON is expected");
                return null;
            }
            return parsed;
        } catch (JsonProcessingException e) {
            problems.add("is not valid JSON" + Json.syntaxError(e));
            return null;
        } catch (IOException e) {
            problems.add("cannot be read as JSON");
            return null;
        }
    }

    private static CloudEventReading result(List<ObjectNode> events, Problems problems, Problems warnings) {
        return problems.isEmpty() ? new CloudEventReading(events, List.of(), warnings.all())
                : CloudEventReading.refused(problems.all(), warnings.all());
    }
}
