package dev.sluice.pipeline;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.Machine;

import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;

/**
 * An Amazon EventBridge event pattern, compiled once with event-ruler and matched against whole CloudEvents
 * (attributes, extension attributes and {@code data}). The semantics are ruler's: exact values, {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but}, {@code numeric},
 * {@code exists}, {@code cidr}, {@code null} and {@code $or}; an array in the event matches when any element does.
 *
 * <p>Immutable once compiled and thread-safe: ruler's machine allows any number of concurrent matches.
 */
public final class EventPattern {

    static final String OPERATORS =
            "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr";
    private static final String OR = "$or";

    private final Machine machine;

    private EventPattern(Machine machine) {
        this.machine = machine;
    }

    /**
     * Compiles a pattern or throws {@link InvalidFlowException} whose paths are rooted at the pattern
     * ({@code $.data.amount[0].numeric[1]}).
     */
    public static EventPattern compile(JsonNode pattern) {
        Problems problems = new Problems();
        Optional<EventPattern> compiled = compile(pattern, problems);
        problems.throwIfAny();
        return compiled.orElseThrow();
    }

    /** Compiles a pattern, reporting what is wrong below {@code problems}' root; empty when it is invalid. */
    public static Optional<EventPattern> compile(JsonNode pattern, Problems problems) {
        if (pattern == null || !pattern.isObject()) {
            problems.add("must be a JSON object naming the fields to test, e.g. {\"type\": [\"user.created\"]}");
            return Optional.empty();
        }
        if (pattern.isEmpty()) {
            problems.add("is empty: a pattern must name at least one field to test. event-ruler refuses an empty "
                    + "pattern, and a filter without a rule matches no event, so it would drop everything; to keep "
                    + "every event, remove the filter node");
            return Optional.empty();
        }
        int before = problems.size();
        checkAlternatives(pattern, problems, "");
        if (problems.size() > before) {
            return Optional.empty();
        }
        Machine machine = Machine.builder().build();
        try {
            machine.addRule("pattern", Json.MAPPER.writeValueAsString(orLast(pattern)));
        } catch (JsonParseException e) {
            problems.add(location(e), describe(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.add("is not a valid pattern: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new EventPattern(machine));
    }

    /** True when the event, a JSON object, matches; reads the tree as it is, without serialising it again. */
    public boolean matches(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("An event pattern matches JSON objects only");
        }
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    /**
     * The pattern with each {@code $or} after its sibling fields. Ruler reads {@code {"$or": [{"type": ["a"]}, …],
     * "type": [{"prefix": "x"}]}} as if the alternatives were not there (every event of type x.* matches), yet the
     * same pattern with {@code $or} last as intended; stored flows sort their keys, which puts {@code $or} first.
     */
    private static JsonNode orLast(JsonNode pattern) {
        if (pattern.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode items = Json.MAPPER.createArrayNode();
            pattern.forEach(item -> items.add(orLast(item)));
            return items;
        }
        if (!pattern.isObject()) {
            return pattern;
        }
        com.fasterxml.jackson.databind.node.ObjectNode ordered = Json.MAPPER.createObjectNode();
        pattern.fields().forEachRemaining(field -> {
            if (!OR.equals(field.getKey())) {
                ordered.set(field.getKey(), orLast(field.getValue()));
            }
        });
        if (pattern.has(OR)) {
            ordered.set(OR, orLast(pattern.get(OR)));
        }
        return ordered;
    }

    /**
     * Ruler reads {@code "$or": [one pattern]} as a field named {@code $or} (its error then blames the inner
     * field) and {@code "$or": {…}} silently as a nested field named {@code $or}; both are mistakes, so say so.
     */
    private static void checkAlternatives(JsonNode object, Problems problems, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path + Problems.key(field.getKey());
            JsonNode value = field.getValue();
            if (OR.equals(field.getKey())) {
                if (!value.isArray() || value.size() < 2) {
                    problems.add(at, "'$or' takes a list of two or more patterns, "
                            + "e.g. {\"$or\": [{\"type\": [\"a\"]}, {\"data\": {\"b\": [1]}}]}");
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode alternative = value.get(i);
                    if (!alternative.isObject() || alternative.isEmpty()) {
                        problems.add(at + "[" + i + "]", "each '$or' alternative must be a pattern object "
                                + "naming at least one field");
                    } else {
                        checkAlternatives(alternative, problems, at + "[" + i + "]");
                    }
                }
            } else if (value.isObject()) {
                checkAlternatives(value, problems, at);
            }
        }
    }

    /** Where ruler's parser stood when it refused the pattern, as a JSONPath below the pattern. */
    private static String location(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (!context.hasPathSegment()) {
                continue; // a list or object just opened, before its first element
            }
            segments.push(context.inArray() ? "[" + context.getCurrentIndex() + "]"
                    : Problems.key(context.getCurrentName()));
        }
        return String.join("", segments);
    }

    private static String describe(String rulerMessage) {
        String message = rulerMessage.strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.startsWith("Unrecognized match type ")) {
            return "unknown operator '" + message.substring("Unrecognized match type ".length())
                    + "'; the operators are " + OPERATORS;
        }
        return switch (message) {
            case "Empty objects are not allowed" -> "is an empty object: name at least one field to test";
            case "Empty arrays are not allowed" -> "is an empty list: give at least one value or operator";
            default -> "is not a valid pattern: " + message;
        };
    }
}
