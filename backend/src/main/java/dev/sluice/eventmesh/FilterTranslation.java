package dev.sluice.eventmesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;

/**
 * An EventMesh filter pattern as a Sluice (event-ruler) pattern. The language is the same, so the pattern stays as
 * written where ruler takes it; what EventMesh's {@code PatternBuilder} reads differently is rewritten ({@code numeric}
 * with {@code !=} or several bounds of a side, a condition with more than one operator, {@code specified}), and
 * every condition that decides differently on some events gets a note. What EventMesh does, from its code
 * ({@code org.apache.eventmesh.function.filter}): a field is read with a JSONPath and a missing field reads as JSON
 * {@code null}; values are compared as text ({@code asText()}); {@code numeric} passes whatever is not a number.
 */
final class FilterTranslation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Problems problems;
    private final List<String> notes;

    private FilterTranslation(Problems problems, List<String> notes) {
        this.problems = problems;
        this.notes = notes;
    }

    /**
     * The Sluice pattern, or empty when there is no filter (none, or EventMesh's empty pattern, which filters
     * nothing).
     *
     * @param problems rooted at the filter ({@code $.filter})
     */
    static Optional<ObjectNode> translate(JsonNode filter, Problems problems, List<String> notes) {
        if (filter == null || filter.isNull()) {
            return Optional.empty();
        }
        if (!filter.isObject()) {
            problems.add("must be an EventMesh filter pattern, a JSON object such as {\"source\": [{\"prefix\": "
                    + "\"eventmesh.\"}]}, or null");
            return Optional.empty();
        }
        if (filter.isEmpty()) {
            return Optional.empty();
        }
        FilterTranslation translation = new FilterTranslation(problems, notes);
        return Optional.of(translation.object((ObjectNode) filter, problems.path(), ""));
    }

    private ObjectNode object(ObjectNode pattern, String path, String field) {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> entry : pattern.properties()) {
            String at = path + Problems.key(entry.getKey());
            String name = field.isEmpty() ? entry.getKey() : field + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject() && !entry.getKey().equals("$or")) {
                out.set(entry.getKey(), object((ObjectNode) value, at, name));
            } else if (value.isArray() && !entry.getKey().equals("$or")) {
                out.set(entry.getKey(), conditions((ArrayNode) value, at, name));
            } else if (!value.isArray() && !value.isObject()) {
                problems.add(at.substring(problems.path().length()), "EventMesh reads no condition from a value "
                        + "that is not a list, so its filter drops every event; write [" + value + "] to match "
                        + value.asText());
            } else {
                out.set(entry.getKey(), value);
            }
        }
        return out;
    }

    private ArrayNode conditions(ArrayNode list, String path, String field) {
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < list.size(); i++) {
            JsonNode condition = condition(list.get(i), path + "[" + i + "]", field);
            if (condition != null) {
                out.add(condition);
            }
        }
        return out;
    }

    private JsonNode condition(JsonNode condition, String at, String field) {
        if (condition.isValueNode()) {
            specified(condition, at, field);
            return condition;
        }
        if (!condition.isObject() || condition.isEmpty()) {
            problems.add(at.substring(problems.path().length()), "a condition is a value or an object with one "
                    + "operator, e.g. {\"prefix\": \"eventmesh.\"}");
            return null;
        }
        Map.Entry<String, JsonNode> first = condition.properties().iterator().next();
        if (condition.size() > 1) {
            List<String> ignored = new ArrayList<>();
            condition.fieldNames().forEachRemaining(ignored::add);
            ignored.removeFirst();
            note(at, "EventMesh reads only the first operator of a condition, '" + first.getKey() + "', and ignores "
                    + String.join(", ", ignored.stream().map(name -> "'" + name + "'").toList())
                    + "; so does the import (Sluice would refuse the others)");
        }
        String operator = first.getKey();
        JsonNode value = first.getValue();
        return switch (operator) {
            case "specified" -> {
                specified(value, at, field);
                yield value;
            }
            case "prefix", "suffix" -> text(operator, value, at, field);
            case "anything-but" -> anythingBut(value, at + ".anything-but", field);
            case "numeric" -> NumericCondition.translate(value, at, field, problems, notes);
            case "exists" -> exists(value.asBoolean(), at, field);
            default -> JSON.objectNode().set(operator, value);
        };
    }

    private void specified(JsonNode value, String at, String field) {
        if (value.isNull()) {
            note(at, "EventMesh's null also matches events without " + field + " and the text \"null\"; Sluice's "
                    + "matches only a null value");
        } else if (!value.isTextual()) {
            note(at, "EventMesh compares values as text, so " + value + " also matches the string \"" + value.asText()
                    + "\"" + (value.isNumber() ? " (and not " + value.asText() + ".0)" : "") + "; Sluice matches only "
                    + "the " + (value.isNumber() ? "number" : "boolean") + " " + value);
        } else if (looksLikeNumberOrWord(value.asText())) {
            note(at, "EventMesh compares values as text, so " + value + " also matches " + value.asText()
                    + " written without quotes; Sluice matches only the string " + value);
        }
    }

    private JsonNode text(String operator, JsonNode value, String at, String field) {
        String text = value.asText();
        List<String> also = new ArrayList<>();
        boolean prefix = operator.equals("prefix");
        if (prefix ? "null".startsWith(text) : "null".endsWith(text)) {
            also.add("events without " + field + " (read as null)");
        }
        if (prefix ? "true".startsWith(text) || "false".startsWith(text) : "true".endsWith(text)
                || "false".endsWith(text)) {
            also.add("true/false values");
        }
        if (!text.isEmpty() && text.matches(prefix ? "-?[0-9]*\\.?[0-9]*" : "[0-9]*\\.?[0-9]*")) {
            also.add("numbers");
        }
        if (!also.isEmpty()) {
            note(at, "EventMesh's " + operator + " \"" + text + "\" reads every value as text, so it also matches "
                    + String.join(" and ", also) + "; Sluice's matches strings only");
        }
        return JSON.objectNode().put(operator, text);
    }

    private JsonNode anythingBut(JsonNode value, String at, String field) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else if (value.isValueNode()) {
            values.add(value);
        } else {
            note(at, "EventMesh's anything-but also matches events without " + field + " (read as null); Sluice's "
                    + "needs " + field + " to be there");
            return JSON.objectNode().set("anything-but", value);
        }
        boolean leavesOutNull = values.stream().anyMatch(v -> v.isNull() || v.asText().equals("null"));
        if (!leavesOutNull) {
            note(at, "EventMesh's anything-but also matches events without " + field + " (read as null); Sluice's "
                    + "needs " + field + " to be there");
        }
        if (values.stream().anyMatch(v -> !v.isTextual() || looksLikeNumberOrWord(v.asText()))) {
            note(at, "EventMesh compares values as text, so anything-but " + value + " also leaves out the same value "
                    + "written with or without quotes; Sluice leaves out only the value of the type written");
        }
        if (values.stream().anyMatch(JsonNode::isNull)) {
            values.removeIf(JsonNode::isNull);
            note(at, "Sluice has no anything-but null: a null " + field + " now passes, where EventMesh left it out "
                    + "(an event without " + field + " is left out by both)");
            if (values.isEmpty()) {
                return JSON.objectNode().put("exists", true);
            }
        }
        ArrayNode list = JSON.arrayNode().addAll(values);
        return JSON.objectNode().set("anything-but", value.isArray() ? list : list.get(0));
    }

    private JsonNode exists(boolean exists, String at, String field) {
        if (exists) {
            note(at, "EventMesh's exists: true matches every event, also those without " + field + " (read as null); "
                    + "Sluice's needs " + field + " to hold a value (not an object or an empty list)");
        } else {
            note(at, "EventMesh's exists: false matches no event (a missing " + field + " reads as null, which "
                    + "exists); Sluice's matches the events without " + field + ", so this filter now passes events "
                    + "that EventMesh dropped");
        }
        return JSON.objectNode().put("exists", exists);
    }

    private void note(String at, String text) {
        notes.add(at + ": " + text);
    }

    private static boolean looksLikeNumberOrWord(String text) {
        return text.equals("true") || text.equals("false") || text.equals("null")
                || text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }
}
