package dev.sluice.pipeline;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * The published JSON Schema of flow JSON: the envelope schema with {@code kind} limited to the registered
 * kinds and, per kind, its config schema applied by {@code if}/{@code then} on {@code kind}. Each config
 * schema sits under {@code $defs/<kind>} with its own {@code #/...} references rewritten to stay inside it.
 * The output is stable (registry order, two-space indent) so the committed copy diffs cleanly.
 */
public final class FlowSchema {

    public static final String ID = "https://sluice.dev/schemas/flow.schema.json";
    /** Where the generated schema is committed, below the backend's resources. */
    public static final String COMMITTED = "schemas/flow.schema.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private FlowSchema() {
    }

    /** The schema of flow JSON with the kinds of {@code registry}. */
    public static String generate(NodeRegistry registry) {
        ObjectNode envelope = (ObjectNode) FlowJson.parse(FlowJson.resource("/schemas/flow-envelope.schema.json"));
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", envelope.path("$schema").asText());
        schema.put("$id", ID);
        schema.put("title", "Sluice flow");
        schema.put("description", "A flow document (schemaVersion 1) with the config of every node kind. Generated "
                + "from flow-envelope.schema.json and the node registry; do not edit by hand.");
        envelope.fields().forEachRemaining(field -> {
            if (!schema.has(field.getKey())) {
                schema.set(field.getKey(), field.getValue());
            }
        });
        ObjectNode node = (ObjectNode) schema.path("properties").path("nodes").path("items");
        ObjectNode kindProperty = (ObjectNode) node.path("properties").path("kind");
        ArrayNode known = kindProperty.putArray("enum");
        ArrayNode rules = node.putArray("allOf");
        ObjectNode defs = schema.putObject("$defs");
        for (NodeKind<?> kind : registry.all()) {
            List<String> names = new java.util.ArrayList<>(List.of(kind.id()));
            names.addAll(kind.spec().aliases());
            names.forEach(known::add);
            ObjectNode config = (ObjectNode) FlowJson.parse(kind.spec().configSchema());
            config.remove(List.of("$schema", "$id"));
            String pointer = "#/$defs/" + kind.id().replace("~", "~0").replace("/", "~1");
            ObjectNode def = NODES.objectNode();
            def.put("title", kind.id());
            def.put("description", kind.spec().summary());
            def.setAll(relocate(config, pointer));
            def.set("examples", NODES.arrayNode().add(FlowJson.parse(kind.spec().example())));
            defs.set(kind.id(), def);
            rules.add(rule(names, pointer, config.path("required").size() > 0));
        }
        try {
            return Json.MAPPER.writer(PRETTY).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the flow schema", e);
        }
    }

    /** {@code if kind is <one of names> then config is <the kind's schema>} (and required when it has required keys). */
    private static ObjectNode rule(List<String> names, String pointer, boolean configRequired) {
        ObjectNode rule = NODES.objectNode();
        ObjectNode kind = rule.putObject("if").putObject("properties").putObject("kind");
        if (names.size() == 1) {
            kind.put("const", names.get(0));
        } else {
            names.forEach(kind.putArray("enum")::add);
        }
        ((ObjectNode) rule.get("if")).putArray("required").add("kind");
        ObjectNode then = rule.putObject("then");
        then.putObject("properties").putObject("config").put("$ref", pointer);
        if (configRequired) {
            then.putArray("required").add("config");
        }
        return rule;
    }

    /** A copy of {@code schema} whose local references ({@code #/...}) point below {@code pointer}. */
    private static ObjectNode relocate(ObjectNode schema, String pointer) {
        ObjectNode copy = schema.deepCopy();
        rewrite(copy, pointer);
        return copy;
    }

    private static void rewrite(JsonNode node, String pointer) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.set("$ref", TextNode.valueOf(pointer + ref.asText().substring(1)));
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                rewrite(field.getValue(), pointer);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewrite(element, pointer));
        }
    }
}
