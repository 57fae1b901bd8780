package dev.sluice.eventmesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Service;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.json.Json;

/**
 * Makes a flow from Apache EventMesh rules and stores it through {@link FlowStore#importFlow}, so who may, what is
 * valid, the audit entry and version 1 are those of any import: source → filter (the EventMesh pattern) → template
 * (the transformer) → the given target, or {@code target.log}. Problems in the flow are reported at the place in
 * the request they come from ({@code $.filter.data.num[0].numeric}). Thread-safe.
 */
@Service
public class EventMeshImport {

    static final String COMMENT = "Imported from Apache EventMesh rules";

    private final FlowStore store;

    EventMeshImport(FlowStore store) {
        this.store = store;
    }

    /**
     * @param request {@code {"workspace", "name", "source", "filter", "transformer", "target"}}
     * @throws InvalidFlowException with every problem, by its path in the request
     */
    public EventMeshImported importRules(String username, JsonNode request) {
        Translation translation = translate(request);
        FlowRef saved;
        try {
            saved = store.importFlow(username, translation.flow().toString(), COMMENT);
        } catch (InvalidFlowException invalid) {
            throw new InvalidFlowException(invalid.problems().stream()
                    .map(p -> new FlowProblem(translation.requestPath(p.path()), p.message())).toList());
        }
        return new EventMeshImported(saved.id(), saved.version(), translation.notes());
    }

    /** The flow JSON and the notes, without storing anything; throws {@link InvalidFlowException} on bad input. */
    static Translation translate(JsonNode request) {
        Problems problems = new Problems();
        if (request == null || !request.isObject()) {
            problems.add("must be a JSON object {\"workspace\", \"name\", \"source\", \"filter\", \"transformer\", "
                    + "\"target\"}");
            problems.throwIfAny();
        }
        for (String field : List.of("workspace", "name", "source")) {
            JsonNode value = request.path(field);
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add("." + field, "is required" + (value.isMissingNode() || value.isNull() ? "" : " text"));
            }
        }
        List<String> notes = new ArrayList<>();
        Optional<ObjectNode> pattern = FilterTranslation.translate(request.get("filter"), problems.at(".filter"),
                notes);
        Optional<ObjectNode> template = TransformerTranslation.translate(request.get("transformer"),
                problems.at(".transformer"), notes);
        JsonNode target = request.get("target");
        if (target != null && !target.isNull() && (!target.isObject() || !target.path("kind").isTextual()
                || !target.path("kind").asText().startsWith("target."))) {
            problems.add(".target", "must be a Sluice target node, {\"kind\": \"target.http\", \"config\": {...}}, "
                    + "or null for target.log");
        }
        problems.throwIfAny();

        List<ObjectNode> nodes = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        nodes.add(node("source", "source", Json.MAPPER.createObjectNode().put("source",
                request.get("source").asText())));
        origins.add("$.source");
        pattern.ifPresent(p -> {
            nodes.add(node("filter", "filter", Json.MAPPER.createObjectNode().set("pattern", p)));
            origins.add("$.filter");
        });
        template.ifPresent(t -> {
            nodes.add(node("transformer", "template", t));
            origins.add("$.transformer");
        });
        ObjectNode targetNode = target == null || target.isNull()
                ? node("target", "target.log", Json.MAPPER.createObjectNode().put("label", "eventmesh"))
                : node("target", target.get("kind").asText(), target.has("config") ? target.get("config")
                        : Json.MAPPER.createObjectNode());
        nodes.add(targetNode);
        origins.add("$.target");
        return new Translation(flow(request, nodes), origins, notes);
    }

    private static ObjectNode flow(JsonNode request, List<ObjectNode> nodes) {
        ObjectNode flow = Json.MAPPER.createObjectNode();
        flow.put("schemaVersion", 1);
        flow.put("name", request.get("name").asText());
        flow.put("workspace", request.get("workspace").asText());
        flow.put("description", "Imported from Apache EventMesh filter and transformer rules");
        ArrayNode nodeList = flow.putArray("nodes");
        ArrayNode edges = flow.putArray("edges");
        ObjectNode layout = flow.putObject("layout");
        for (int i = 0; i < nodes.size(); i++) {
            nodeList.add(nodes.get(i));
            String id = nodes.get(i).get("id").asText();
            layout.putObject(id).put("x", 40 + 220 * i).put("y", 80);
            if (i > 0) {
                edges.addObject().put("from", nodes.get(i - 1).get("id").asText()).put("to", id);
            }
        }
        return flow;
    }

    private static ObjectNode node(String id, String kind, JsonNode config) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", id).put("kind", kind);
        node.set("config", config);
        return node;
    }

    /**
     * @param flow    the flow JSON
     * @param origins for each node, in order, the request path it comes from
     */
    record Translation(ObjectNode flow, List<String> origins, List<String> notes) {

        /** Where in the request a problem at {@code flowPath} comes from. */
        String requestPath(String flowPath) {
            for (int i = 0; i < origins.size(); i++) {
                String node = "$.nodes[" + i + "]";
                if (!flowPath.startsWith(node) || flowPath.length() > node.length()
                        && flowPath.charAt(node.length()) != '.' && flowPath.charAt(node.length()) != '[') {
                    continue;
                }
                String rest = flowPath.substring(node.length());
                return switch (origins.get(i)) {
                    case "$.source" -> "$.source";
                    case "$.filter" -> "$.filter" + strip(rest, ".config.pattern");
                    case "$.transformer" -> rest.startsWith(".config.variables") ? "$.transformer.value"
                            : rest.startsWith(".config.template") ? "$.transformer.template" : "$.transformer";
                    default -> "$.target" + rest;
                };
            }
            return flowPath;
        }

        private static String strip(String rest, String prefix) {
            return rest.startsWith(prefix) ? rest.substring(prefix.length()) : "";
        }
    }
}
