package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.privacy.PiiTags;
import dev.sluice.privacy.SchemaTags;
import dev.sluice.source.SourceSummary;

/**
 * The fields of a flow's source for picking in node forms: from its JSON Schema and its PII tags, each with its
 * type and tag, so a steward sees which fields are personal data before choosing them.
 */
final class SourceFields {

    /** One field: {@code $.data.contact.phone}, {@code string}, {@code phone} (null when not personal). */
    record Field(String path, String type, String tag) {
    }

    private final String source;
    private final List<Field> fields;

    private SourceFields(String source, List<Field> fields) {
        this.source = source;
        this.fields = List.copyOf(fields);
    }

    static SourceFields none() {
        return new SourceFields("", List.of());
    }

    static SourceFields of(SourceSummary source, PiiTags tags) {
        Map<String, String> types = new LinkedHashMap<>(source.schema().map(SchemaTags::fields)
                .orElse(Map.of()));
        tags.fields().keySet().forEach(path -> types.putIfAbsent(path, ""));
        List<Field> fields = new ArrayList<>();
        types.forEach((path, type) -> fields.add(new Field(path, type, tags.fields().get(path))));
        return new SourceFields(source.name(), fields);
    }

    List<Field> fields() {
        return fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    String source() {
        return source;
    }

    /** The form fields whose kind's example lists JSONPaths: where picked fields go. */
    static boolean listsPaths(JsonNode example) {
        if (example == null || !example.isArray() || example.isEmpty()) {
            return false;
        }
        for (JsonNode item : example) {
            if (!item.isTextual() || !item.asText().startsWith("$.")) {
                return false;
            }
        }
        return true;
    }

    /** The form fields whose kind's example lists rules, each with a JSONPath {@code path}: where masks go. */
    static boolean listsRules(JsonNode example) {
        if (example == null || !example.isArray() || example.isEmpty()) {
            return false;
        }
        for (JsonNode item : example) {
            if (!item.path("path").asText().startsWith("$.")) {
                return false;
            }
        }
        return true;
    }
}
