package dev.sluice.privacy;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

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
        walk(dataSchema, dataSchema, "$.data", fields, 0);
        return new PiiTags(source, fields);
    }

    private static void walk(JsonNode root, JsonNode schema, String path, Map<String, String> fields, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return;
        }
        if (schema.path("pii").isTextual()) {
            fields.put(path, schema.get("pii").asText());
        }
        if (schema.path("$ref").isTextual() && schema.get("$ref").asText().startsWith("#/")) {
            walk(root, root.at(schema.get("$ref").asText().substring(1)), path, fields, depth + 1);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            walk(root, property.getValue(), path + Problems.key(property.getKey()), fields, depth + 1);
        }
        walk(root, schema.get("items"), path + "[*]", fields, depth + 1);
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(combinator)) {
                walk(root, branch, path, fields, depth + 1);
            }
        }
    }
}
