package dev.sluice.pipeline.kind;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Data splitting: keeps every CloudEvent attribute and, of {@code data}, only the listed paths, each where it
 * was. Absent paths are skipped; when none is present, {@code data} becomes {@code {}}. An array that a kept
 * path goes through keeps its length, so elements stay aligned: an element with nothing kept becomes
 * {@code {}} (an object), {@code []} (an array) or {@code null} (anything else). {@code data_base64} is data
 * too, and is dropped.
 */
public final class SelectNode implements NodeKind<SelectNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("select", Config.class)
            .shownAs(NodeCategory.TRANSFORM, "vaadin:list-select", "Select fields",
                    "Keeps only the listed fields of data (data splitting); attributes always stay")
            .withExample("""
                    {"paths": ["$.data.userId", "$.data.payment", "$.data.contacts[*].phone"]}
                    """)
            .describedBy(SelectNode::describe);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** @param paths JSONPaths into {@code data} to keep */
    @Setting(title = "Select fields", description = "Keeps the listed fields of data and drops the rest")
    public record Config(@Setting(required = true, minItems = 1, uniqueItems = true, title = "Fields to keep",
            description = "JSONPaths into data, e.g. $.data.userId or $.data.contacts[*].phone; each stays where it"
                    + " was, everything else in data is dropped, attributes are always kept")
                         List<@Setting(minLength = 1) String> paths) {
        public Config {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The fields kept: {@code userId, payment, phone}. */
    static String describe(JsonNode config) {
        List<String> fields = new java.util.ArrayList<>();
        config.path("paths").forEach(path -> fields.add(Descriptions.field(path.asText())));
        return String.join(", ", fields);
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        for (int i = 0; i < config.paths().size(); i++) {
            EventPath path;
            try {
                path = EventPath.compile(config.paths().get(i));
            } catch (IllegalArgumentException e) {
                problems.add(".paths[" + i + "]", e.getMessage());
                continue;
            }
            if (!path.isUnderData()) {
                problems.add(".paths[" + i + "]", "does not point into data: attributes are always kept, "
                        + "list only paths into data ($.data.…)");
            }
        }
    }

    @Override
    public List<FieldEffect> effects(Config config) {
        return config.paths().isEmpty() ? List.of() : List.of(new FieldEffect.KeepData(config.paths()));
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        List<EventPath> paths = config.paths().stream().map(EventPath::compile).toList();
        return event -> {
            event.set("data", select(event, paths));
            event.remove("data_base64");
            return List.of(event);
        };
    }

    /**
     * The new data, built from the event's own nodes: the old data is discarded, so kept values are moved into
     * the new tree rather than copied. Every kept location is recorded by its container (by identity) and its
     * field or index; one walk over data then rebuilds just the containers leading to them.
     */
    private static JsonNode select(ObjectNode event, List<EventPath> paths) {
        Map<JsonNode, Set<Object>> kept = new IdentityHashMap<>();
        for (EventPath path : paths) {
            for (EventPath.Location location : path.locate(event)) {
                kept.computeIfAbsent(location.parent(), parent -> new HashSet<>())
                        .add(location.field() != null ? location.field() : location.index());
            }
        }
        JsonNode data = event.get("data");
        if (kept.getOrDefault(event, Set.of()).contains("data")) {
            return data;
        }
        JsonNode selected = kept.isEmpty() || data == null ? null : project(data, kept);
        return selected != null ? selected : JSON.objectNode();
    }

    /** The part of {@code node} that holds kept locations, or null when there is none. */
    private static JsonNode project(JsonNode node, Map<JsonNode, Set<Object>> kept) {
        Set<Object> here = kept.getOrDefault(node, Set.of());
        if (node.isObject()) {
            ObjectNode out = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode part = here.contains(member.getKey()) ? member.getValue() : project(member.getValue(), kept);
                if (part != null) {
                    out = out == null ? JSON.objectNode() : out;
                    out.set(member.getKey(), part);
                }
            }
            return out;
        }
        if (node.isArray()) {
            JsonNode[] parts = new JsonNode[node.size()];
            boolean any = false;
            for (int i = 0; i < parts.length; i++) {
                parts[i] = here.contains(i) ? node.get(i) : project(node.get(i), kept);
                any |= parts[i] != null;
            }
            if (!any) {
                return null;
            }
            ArrayNode out = JSON.arrayNode(parts.length);
            for (int i = 0; i < parts.length; i++) {
                out.add(parts[i] != null ? parts[i] : placeholder(node.get(i)));
            }
            return out;
        }
        return null;
    }

    private static JsonNode placeholder(JsonNode element) {
        if (element.isObject()) {
            return JSON.objectNode();
        }
        return element.isArray() ? JSON.arrayNode() : NullNode.getInstance();
    }
}
