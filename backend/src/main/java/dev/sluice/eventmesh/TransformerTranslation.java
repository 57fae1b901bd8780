package dev.sluice.eventmesh;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.eventmesh.EventMeshTemplate.Part;
import dev.sluice.eventmesh.EventMeshTemplate.Placeholder;
import dev.sluice.eventmesh.EventMeshTemplate.Text;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;
import dev.sluice.pipeline.EventPath;

/**
 * An EventMesh transformer ({@code transformerType} {@code original}, {@code constant} or {@code template}, with
 * {@code value} and {@code template}) as the config of a Sluice template node, or none for {@code original}. As
 * EventMesh's {@code JsonPathParser} reads {@code value}: a definite JSONPath is read from the event ({@code null}
 * when it finds nothing), anything else is a constant text.
 */
final class TransformerTranslation {

    private static final Set<String> TYPES = Set.of("original", "constant", "template");
    /** The template node's own variables, which no other variable may be named. */
    private static final Set<String> RESERVED = Set.of("event", "json", "date", "mask", "data", "id", "source", "type",
            "specversion");
    private static final String NAME = "[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*";

    private final Problems problems;
    private final List<String> notes;

    private TransformerTranslation(Problems problems, List<String> notes) {
        this.problems = problems;
        this.notes = notes;
    }

    /** The template node's config, or empty when the event passes unchanged; {@code problems} at the transformer. */
    static Optional<ObjectNode> translate(JsonNode transformer, Problems problems, List<String> notes) {
        if (transformer == null || transformer.isNull()) {
            return Optional.empty();
        }
        if (!transformer.isObject()) {
            problems.add("must be an EventMesh transformer, {\"transformerType\", \"value\", \"template\"}, or null");
            return Optional.empty();
        }
        JsonNode type = transformer.path("transformerType");
        if (!type.isTextual() || !TYPES.contains(type.asText())) {
            problems.add(".transformerType", "must be original, constant or template");
            return Optional.empty();
        }
        TransformerTranslation translation = new TransformerTranslation(problems, notes);
        return switch (type.asText()) {
            case "constant" -> translation.constant(transformer.path("value"));
            case "template" -> translation.template(transformer.path("value"), transformer.path("template"));
            default -> Optional.empty();
        };
    }

    private Optional<ObjectNode> constant(JsonNode value) {
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            problems.add(".value", "a constant transformer needs its value, the text that becomes the event's data "
                    + "(not blank: Sluice drops an event for which a template renders nothing)");
            return Optional.empty();
        }
        shapeOfOutput(List.of(new Text(value.asText())), problems.path() + ".value");
        return Optional.of(Json.MAPPER.createObjectNode().put("template", EventMeshTemplate.literal(value.asText())));
    }

    private Optional<ObjectNode> template(JsonNode value, JsonNode template) {
        Map<String, String> declared = declared(value);
        if (!template.isTextual() || template.asText().isBlank()) {
            problems.add(".template", "a template transformer needs its template, e.g. \"name is ${name}\"");
            return Optional.empty();
        }
        if (declared == null) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>(EventMeshTemplate.parse(template.asText(), declared.keySet()));
        Map<String, String> sluiceNames = new LinkedHashMap<>();
        ObjectNode variables = Json.MAPPER.createObjectNode();
        Set<String> taken = new HashSet<>();
        declared.forEach((name, path) -> {
            String at = problems.path() + ".value" + Problems.key(name);
            if (path.startsWith("$") && !isDefinitePath(path, at)) {
                parts.replaceAll(part -> part instanceof Placeholder(String n) && n.equals(name) ? new Text(path)
                        : part);
                return;
            }
            String sluiceName = sluiceName(name, taken);
            taken.add(sluiceName);
            if (!sluiceName.equals(name)) {
                notes.add(at + ": the variable '" + name + "' is '" + sluiceName + "' in Sluice, whose names are "
                        + "letters, digits, _ and inner -");
            }
            sluiceNames.put(name, sluiceName);
            variables.put(sluiceName, path);
        });
        shapeOfOutput(parts, problems.path() + ".template");
        ObjectNode config = Json.MAPPER.createObjectNode()
                .put("template", EventMeshTemplate.velocity(parts, sluiceNames));
        if (!variables.isEmpty()) {
            config.set("variables", variables);
        }
        return Optional.of(config);
    }

    /** EventMesh's {@code value}: a JSON object (or its text) of name to JSONPath or constant; null if invalid. */
    private Map<String, String> declared(JsonNode value) {
        JsonNode object = value;
        if (value.isTextual()) {
            try {
                object = Json.MAPPER.readTree(value.asText());
            } catch (JsonProcessingException e) {
                problems.add(".value", "is not JSON: " + e.getOriginalMessage());
                return null;
            }
        }
        if (object == null || !object.isObject()) {
            problems.add(".value", "a template transformer needs its value: a JSON object of variable name to "
                    + "JSONPath or constant text, e.g. {\"name\": \"$.data.name\"}");
            return null;
        }
        Map<String, String> declared = new LinkedHashMap<>();
        int before = problems.size();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                problems.add(".value" + Problems.key(entry.getKey()), "must be a JSONPath or a constant text, as in "
                        + "EventMesh");
            } else {
                declared.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return problems.size() == before ? declared : null;
    }

    /**
     * EventMesh reads a value as a path only when it is a valid, definite JSONPath; otherwise it inserts the text.
     * A path Sluice cannot read is taken as text as well, with a note, since EventMesh's reader may have.
     */
    private boolean isDefinitePath(String path, String at) {
        try {
            return EventPath.compile(path).isDefinite();
        } catch (IllegalArgumentException e) {
            notes.add(at + ": '" + path + "' is inserted as text: Sluice cannot read it as a path (" + e.getMessage()
                    + "); EventMesh does the same unless it is a definite JSONPath its reader knows");
            return false;
        }
    }

    private static String sluiceName(String name, Set<String> taken) {
        String base = name;
        if (!name.matches(NAME)) {
            base = name.replaceAll("[^A-Za-z0-9_]", "_");
            if (!base.matches("[A-Za-z].*")) {
                base = "v_" + base;
            }
        }
        String candidate = base;
        for (int n = 2; RESERVED.contains(candidate) || taken.contains(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    /**
     * Notes where what Sluice makes of the output differs from EventMesh's data, which is the output text as a JSON
     * string: Sluice takes output that is JSON as JSON. With placeholders, only the literal text tells.
     */
    private void shapeOfOutput(List<Part> parts, String at) {
        boolean placeholders = parts.stream().anyMatch(Placeholder.class::isInstance);
        if (parts.size() == 1 && placeholders) {
            notes.add(at + ": the output is the value alone; in Sluice a number, true, false or null becomes the "
                    + "event's data as JSON, where EventMesh's runtime sends its text as a JSON string");
            return;
        }
        String sample = EventMeshTemplate.sample(parts, "null");
        JsonNode json = null;
        try {
            json = Json.MAPPER.readTree(sample);
        } catch (JsonProcessingException e) {
            String start = sample.stripLeading();
            if (start.startsWith("{") || start.startsWith("[")) {
                notes.add(at + ": the output starts like JSON but is not JSON; Sluice fails such events (retries, then "
                        + "dead letters) where EventMesh sends the text");
            }
        }
        if (json == null || placeholders && !json.isContainerNode()) {
            return;
        }
        if (json.isObject() && json.has("specversion")) {
            notes.add(at + ": the output is a CloudEvent (it has specversion), which in Sluice replaces the event; "
                    + "EventMesh puts the text into data");
        } else {
            notes.add(at + ": the output is JSON, so in Sluice the event's data is that JSON value, with values "
                    + "JSON-escaped where inserted; EventMesh's runtime sends the text, values as they are, in data "
                    + "as a JSON string");
        }
    }
}
