package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.base.ui.ProblemTexts;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.json.Json;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.privacy.Leak;
import dev.sluice.privacy.LeakFinding;
import dev.sluice.privacy.LeakFixes;

/**
 * The flow document being edited in the designer: the canvas changes its graph and layout, the property
 * forms change node configs. Kept as a JSON tree (not the bound record) so an invalid flow can still be
 * edited. Not thread-safe: one per editor view.
 */
final class FlowDraft {

    private static final Pattern NODE_PATH = Pattern.compile("^\\$\\.nodes\\[(\\d+)]");
    private static final Pattern CONFIG_FIELD =
            Pattern.compile("^\\$\\.nodes\\[\\d+]\\.config\\.([A-Za-z_][A-Za-z0-9_]*)(.*)$");
    private static final Pattern EDGE_PATH = Pattern.compile("^\\$\\.edges\\[(\\d+)]");

    private final NodeRegistry registry;
    /** Nodes the canvas removed, by id: an undo draws them again, and they come back as they were. */
    private final Map<String, ObjectNode> removed = new HashMap<>();
    private ObjectNode document;

    FlowDraft(NodeRegistry registry, String json) {
        this.registry = registry;
        this.document = (ObjectNode) FlowJson.parse(json);
        if (!document.path("nodes").isArray()) {
            document.putArray("nodes");
        }
        if (!document.path("edges").isArray()) {
            document.putArray("edges");
        }
        if (!document.path("layout").isObject()) {
            document.putObject("layout");
        }
    }

    /** Masks or removes the field of {@code leaks} on every route they take; returns the mask nodes given a rule. */
    List<String> fixLeaks(List<Leak> leaks, LeakFixes.Fix fix) {
        return LeakFixes.apply(document, leaks, fix, registry);
    }

    String json() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The flow as stored, without its canvas layout: what "unsaved edits" compares. Positions change as the canvas
     * lays out a flow stored without them, so moving nodes alone is not an edit worth a question on leaving.
     */
    String content() {
        ObjectNode content = document.deepCopy();
        content.remove("layout");
        return content.toString();
    }

    /** The document carries the flow's new name, as the stored versions now read. */
    void rename(String name) {
        document.put("name", name);
    }

    JsonNode tree() {
        return document;
    }

    ArrayNode nodes() {
        return (ArrayNode) document.get("nodes");
    }

    Optional<ObjectNode> node(String id) {
        for (JsonNode node : nodes()) {
            if (id.equals(node.path("id").asText())) {
                return Optional.of((ObjectNode) node);
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the graph from the canvas: nodes keep their configs by id, new nodes start empty
     * ({@link #startingConfig}), removed nodes go with their edges and layout. Returns whether anything changed.
     */
    boolean applyGraph(String graphJson) {
        JsonNode graph = FlowJson.parse(graphJson);
        ArrayNode nodes = Json.MAPPER.createArrayNode();
        ObjectNode layout = Json.MAPPER.createObjectNode();
        for (JsonNode drawn : graph.path("nodes")) {
            String id = drawn.path("id").asText();
            String kind = drawn.path("kind").asText();
            ObjectNode node = node(id).or(() -> Optional.ofNullable(removed.get(id))
                            .filter(gone -> kind.equals(gone.path("kind").asText())))
                    .map(ObjectNode::deepCopy).orElseGet(() -> newNode(id, kind));
            nodes.add(node);
            layout.putObject(id).put("x", drawn.path("x").asDouble()).put("y", drawn.path("y").asDouble());
        }
        ArrayNode edges = Json.MAPPER.createArrayNode();
        for (JsonNode edge : graph.path("edges")) {
            edges.addObject().put("from", edge.path("from").asText()).put("to", edge.path("to").asText());
        }
        boolean changed = !nodes.equals(document.get("nodes")) || !edges.equals(document.get("edges"))
                || !layout.equals(document.get("layout"));
        Set<String> kept = new HashSet<>();
        nodes.forEach(node -> kept.add(node.path("id").asText()));
        for (JsonNode before : nodes()) {
            if (!kept.contains(before.path("id").asText())) {
                removed.put(before.path("id").asText(), (ObjectNode) before.deepCopy());
            }
        }
        document.set("nodes", nodes);
        document.set("edges", edges);
        document.set("layout", layout);
        return changed;
    }

    private ObjectNode newNode(String id, String kind) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("kind", kind);
        Optional<NodeKind<?>> known = registry.kind(kind);
        node.set("config", known.map(FlowDraft::startingConfig).orElseGet(Json.MAPPER::createObjectNode));
        return node;
    }

    /**
     * A new node's config: only the required settings that have a default. Nothing of the kind's example: a new
     * node that looked finished (a filter on CNY, mask rules with a secret, a URL) would pass as valid unchosen;
     * empty, its problems say what is missing and its form shows the example as placeholders.
     */
    static ObjectNode startingConfig(NodeKind<?> kind) {
        JsonNode schema = FlowJson.parse(kind.spec().configSchema());
        ObjectNode config = Json.MAPPER.createObjectNode();
        for (JsonNode required : schema.path("required")) {
            JsonNode setting = schema.path("properties").path(required.asText());
            if (setting.has("default")) {
                config.set(required.asText(), setting.get("default"));
            }
        }
        return config;
    }

    /** The event source the flow reads as edited now; none while its source node names none. */
    Optional<String> sourceName() {
        for (JsonNode node : nodes()) {
            if ("source".equals(node.path("kind").asText())) {
                String name = node.path("config").path("source").asText("");
                return name.isBlank() ? Optional.empty() : Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The ids of the target nodes, in node order. */
    List<String> targetIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode node : nodes()) {
            registry.kind(node.path("kind").asText()).filter(kind -> kind.role() == NodeRole.TARGET)
                    .ifPresent(kind -> ids.add(node.path("id").asText()));
        }
        return ids;
    }

    /** The names of the flow's tests as edited. */
    List<String> testNames() {
        List<String> names = new ArrayList<>();
        document.path("tests").forEach(test -> names.add(test.path("name").asText()));
        return names;
    }

    /** Adds a test, or replaces the one of the same name. */
    void putTest(ObjectNode test) {
        if (!document.path("tests").isArray()) {
            document.putArray("tests");
        }
        ArrayNode tests = (ArrayNode) document.get("tests");
        for (int i = 0; i < tests.size(); i++) {
            if (tests.get(i).path("name").asText().equals(test.path("name").asText())) {
                tests.set(i, test);
                return;
            }
        }
        tests.add(test);
    }

    void setConfig(String id, ObjectNode config) {
        node(id).ifPresent(node -> node.set("config", config));
    }

    /**
     * What the canvas shows: nodes with positions, edges, the palette from the registry (kinds' titles and summaries
     * in the user's language), and its labels.
     */
    String canvasModel(int revision, Map<String, String> labels, Locale locale) {
        List<CanvasModel.CanvasNode> nodes = new ArrayList<>();
        JsonNode layout = document.path("layout");
        int i = 0;
        for (JsonNode node : nodes()) {
            String id = node.path("id").asText();
            JsonNode at = layout.path(id);
            nodes.add(new CanvasModel.CanvasNode(id, node.path("kind").asText(), at.path("x").asDouble(40 + 240 * i),
                    at.path("y").asDouble(80), summary(node, locale)));
            i++;
        }
        List<CanvasModel.CanvasEdge> edges = new ArrayList<>();
        for (JsonNode edge : document.path("edges")) {
            edges.add(new CanvasModel.CanvasEdge(edge.path("from").asText(), edge.path("to").asText()));
        }
        List<CanvasModel.PaletteKind> kinds = new ArrayList<>();
        for (NodeKind<?> kind : registry.all()) {
            NodeSpec<?> spec = kind.spec();
            kinds.add(new CanvasModel.PaletteKind(kind.id(), kind.role(), spec.category(), spec.icon(),
                    NodeTexts.title(spec, locale), NodeTexts.summary(spec, locale)));
        }
        return toJson(new CanvasModel(revision, nodes, edges, kinds, new LinkedHashMap<>(labels)));
    }

    /** Each node's line on its settings, by id, as its kind describes the config edited now. */
    Map<String, String> summaries(Locale locale) {
        Map<String, String> summaries = new LinkedHashMap<>();
        nodes().forEach(node -> summaries.put(node.path("id").asText(), summary(node, locale)));
        return summaries;
    }

    private String summary(JsonNode node, Locale locale) {
        return registry.kind(node.path("kind").asText())
                .map(kind -> ProblemTexts.summary(kind.spec().describe(node.path("config")), locale)).orElse("");
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The problems of one node's config by field name, as its form shows them beside each field, each with the
     * rest of its path (inside the field).
     */
    Map<String, List<FieldProblem>> fieldProblems(String nodeId, List<FlowProblem> problems) {
        Map<String, List<FieldProblem>> byField = new LinkedHashMap<>();
        for (FlowProblem problem : problems) {
            Matcher field = CONFIG_FIELD.matcher(problem.path());
            if (!field.matches() || !nodeOf(problem).map(nodeId::equals).orElse(false)) {
                continue;
            }
            byField.computeIfAbsent(field.group(1), name -> new ArrayList<>())
                    .add(new FieldProblem(field.group(2), problem.message()));
        }
        return byField;
    }

    /** A setting a node's config must have and lacks; {@code title} as its form labels it. */
    record MissingSetting(String kind, String setting, String title) {
    }

    /** The setting a problem says is required and absent, if that is what it says. */
    Optional<MissingSetting> missingSetting(FlowProblem problem) {
        Matcher field = CONFIG_FIELD.matcher(problem.path());
        if (!field.matches() || !field.group(2).isEmpty() || !problem.message().startsWith("is required")) {
            return Optional.empty();
        }
        String setting = field.group(1);
        return nodeOf(problem).flatMap(this::node).map(node -> node.path("kind").asText()).map(kind ->
                new MissingSetting(kind, setting, registry.kind(kind)
                        .map(known -> FlowJson.parse(known.spec().configSchema()).path("properties").path(setting)
                                .path("title").asText(setting))
                        .orElse(setting)));
    }

    /** The node a problem is about: by its path into nodes, or the source end of the edge it names. */
    Optional<String> nodeOf(FlowProblem problem) {
        Matcher node = NODE_PATH.matcher(problem.path());
        if (node.find()) {
            int index = Integer.parseInt(node.group(1));
            return index < nodes().size() ? Optional.of(nodes().get(index).path("id").asText()) : Optional.empty();
        }
        Matcher edge = EDGE_PATH.matcher(problem.path());
        if (edge.find()) {
            JsonNode found = document.path("edges").path(Integer.parseInt(edge.group(1)));
            return found.isMissingNode() ? Optional.empty() : Optional.of(found.path("from").asText());
        }
        return Optional.empty();
    }

    /**
     * The canvas's invalid marks: {@code {"nodes": [ids], "edges": ["from->to"]}}. A problem with an edge marks
     * the edge, not the node it leaves; the rest mark their node.
     */
    String invalidMarks(List<FlowProblem> problems) {
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> edges = new LinkedHashSet<>();
        for (FlowProblem problem : problems) {
            Matcher edge = EDGE_PATH.matcher(problem.path());
            JsonNode found = edge.find() ? document.path("edges").path(Integer.parseInt(edge.group(1)))
                    : Json.MAPPER.missingNode();
            if (!found.isMissingNode()) {
                edges.add(found.path("from").asText() + "->" + found.path("to").asText());
            } else {
                nodeOf(problem).ifPresent(nodes::add);
            }
        }
        return toJson(new CanvasModel.CanvasMarks(List.copyOf(nodes), List.copyOf(edges)));
    }

    /** The canvas's leak marks: every node and edge on the route of a leak. */
    static String leakRoutes(List<LeakFinding> leaks) {
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> edges = new LinkedHashSet<>();
        for (LeakFinding finding : leaks) {
            List<String> via = finding.leak().via();
            nodes.addAll(via);
            for (int i = 1; i < via.size(); i++) {
                edges.add(via.get(i - 1) + "->" + via.get(i));
            }
        }
        return toJson(new CanvasModel.CanvasMarks(List.copyOf(nodes), List.copyOf(edges)));
    }
}
