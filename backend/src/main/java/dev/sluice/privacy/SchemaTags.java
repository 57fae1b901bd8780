package dev.sluice.privacy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;

/**
 * Reads PII tags from a source's JSON Schema of {@code data}, where stewards set them as a {@code pii} keyword on a
 * field ({@code "phone": {"type": "string", "pii": "phone"}}). Follows {@code properties}, {@code items},
 * {@code allOf}/{@code anyOf}/{@code oneOf} and local {@code $ref}s ({@code #/$defs/...}). Stateless and thread-safe.
 */
public final class SchemaTags {

    private static final int MAX_DEPTH = 32;

    private SchemaTags() {
    }

    /** The tags of a source whose events' {@code data} the schema describes. */
    public static PiiTags of(String source, JsonNode dataSchema) {
        Map<String, String> fields = new TreeMap<>();
        walk(dataSchema, dataSchema, "$.data", 0, (path, schema) -> {
            if (schema.path("pii").isTextual()) {
                fields.put(path, schema.get("pii").asText());
            }
        });
        return new PiiTags(source, fields);
    }

    /**
     * Every field the schema describes, by path ({@code $.data.contact.phone}, array elements {@code [*]}), with
     * its JSON type ({@code string}, {@code object}...; empty when the schema does not say), in schema order.
     */
    public static Map<String, String> fields(JsonNode dataSchema) {
        Map<String, String> fields = new LinkedHashMap<>();
        walk(dataSchema, dataSchema, "$.data", 0, (path, schema) -> {
            String type = schema.path("type").isTextual() ? schema.get("type").asText() : "";
            if (!path.equals("$.data") && (!type.isEmpty() || !fields.containsKey(path))) {
                fields.put(path, type);
            }
        });
        return fields;
    }

    private static void walk(JsonNode root, JsonNode schema, String path, int depth,
                             BiConsumer<String, JsonNode> visit) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return;
        }
        visit.accept(path, schema);
        if (schema.path("$ref").isTextual() && schema.get("$ref").asText().startsWith("#/")) {
            walk(root, root.at(schema.get("$ref").asText().substring(1)), path, depth + 1, visit);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            walk(root, property.getValue(), path + Problems.key(property.getKey()), depth + 1, visit);
        }
        walk(root, schema.get("items"), path + "[*]", depth + 1, visit);
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(combinator)) {
                walk(root, branch, path, depth + 1, visit);
            }
        }
    }
}
