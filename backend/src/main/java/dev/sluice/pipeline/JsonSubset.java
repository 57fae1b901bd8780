package dev.sluice.pipeline;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * "Expected is a subset of actual": every field listed in the expectation must be present with a matching
 * value; other fields may exist. Arrays match element by element and must have the same length; numbers
 * match by value ({@code 10} = {@code 10.0}), never a number against a string.
 */
public final class JsonSubset {

    private JsonSubset() {
    }

    /** Adds a message per mismatch, each with its path below {@code path}. */
    public static void compare(JsonNode expected, JsonNode actual, String path, List<String> mismatches) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                mismatches.add(path + ": expected an object but was " + kind(actual));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + dev.sluice.flow.Problems.key(field.getKey());
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    mismatches.add(at + ": expected " + field.getValue() + " but the field is missing");
                } else {
                    compare(field.getValue(), value, at, mismatches);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                mismatches.add(path + ": expected an array but was " + kind(actual));
                return;
            }
            if (expected.size() != actual.size()) {
                mismatches.add(path + ": expected " + expected.size() + " element(s) but was " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), path + "[" + i + "]", mismatches);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                mismatches.add(path + ": expected " + expected + " but was " + actual);
            }
        } else if (!expected.equals(actual)) {
            mismatches.add(path + ": expected " + expected + " but was " + actual);
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "an array" : node.toString();
    }
}
