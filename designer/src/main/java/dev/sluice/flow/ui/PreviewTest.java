package dev.sluice.flow.ui;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.json.Json;
import dev.sluice.pipeline.EventTrace;

/**
 * Turns a preview into a stored test: the previewed event as input and, for every target of the flow, what the
 * preview delivered there ({@code []} for a target that received nothing). Expectations keep each output's
 * type and data; a value the preview showed hidden from this viewer is left out, since tests compare a subset
 * and the hidden text is not what the flow produces.
 */
final class PreviewTest {

    private static final String HIDDEN = "[hidden: ";

    private PreviewTest() {
    }

    static ObjectNode of(String name, JsonNode input, EventTrace trace, List<String> targetIds) {
        ObjectNode test = Json.MAPPER.createObjectNode();
        test.put("name", name);
        test.set("input", input.deepCopy());
        ObjectNode expect = test.putObject("expect");
        Map<String, List<ObjectNode>> delivered = trace.targets() == null ? Map.of() : trace.targets();
        for (String target : targetIds) {
            ArrayNode events = expect.putArray(target);
            for (ObjectNode output : delivered.getOrDefault(target, List.of())) {
                ObjectNode expected = events.addObject();
                if (output.has("type")) {
                    expected.set("type", output.get("type"));
                }
                if (output.has("data") && !isHidden(output.get("data"))) {
                    expected.set("data", withoutHidden(output.get("data").deepCopy()));
                }
            }
        }
        return test;
    }

    private static JsonNode withoutHidden(JsonNode value) {
        if (value instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isHidden(field.getValue())) {
                    fields.remove();
                } else {
                    withoutHidden(field.getValue());
                }
            }
        } else if (value.isArray()) {
            value.forEach(PreviewTest::withoutHidden);
        }
        return value;
    }

    /** A hidden text, or an array holding one as an element (elements are compared by position, so the array goes). */
    private static boolean isHidden(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().contains(HIDDEN);
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (isHidden(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
