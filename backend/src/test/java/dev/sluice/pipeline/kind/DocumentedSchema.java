package dev.sluice.pipeline.kind;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The designer builds forms from kinds' config schemas, so every property must carry a title and description. */
final class DocumentedSchema {

    private DocumentedSchema() {
    }

    /** Paths of properties (nested and in array items) lacking a title or a description. */
    static List<String> undocumented(JsonNode schema, String at) {
        List<String> missing = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(property -> {
            String path = at + "." + property.getKey();
            if (!property.getValue().path("title").isTextual() || !property.getValue().path("description").isTextual()) {
                missing.add(path);
            }
            missing.addAll(undocumented(property.getValue(), path));
        });
        if (schema.has("items")) {
            missing.addAll(undocumented(schema.get("items"), at + "[]"));
        }
        return missing;
    }
}
