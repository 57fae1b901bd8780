package dev.sluice.flow.ui;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;

import dev.sluice.json.Json;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;

/**
 * Flow graphs shown read-only side by side ({@code frontend/flow-graphs.tsx}), nodes and edges marked: two
 * versions compared ({@code added}, {@code removed}, {@code changed}), or a refused import ({@code invalid}).
 */
@NpmPackage(value = "@xyflow/react", version = "12.10.0")
@JsModule("./flow-graphs.tsx")
@Tag("sluice-flow-graphs")
class FlowGraphs extends ReactAdapterComponent implements HasSize {

    private String model = "";

    FlowGraphs(String id) {
        setId(id);
    }

    /** Shows these graphs, each made by {@link #side}. */
    void show(List<ObjectNode> sides) {
        ObjectNode graphs = Json.MAPPER.createObjectNode();
        graphs.putArray("sides").addAll(sides);
        model = graphs.toString();
        setState("graphs", model);
    }

    String model() {
        return model;
    }

    /**
     * One graph: a flow document's nodes (at their layout positions, else in a row) and edges, each marked as
     * {@code marks} says by node id or {@code from->to}.
     */
    static ObjectNode side(String title, JsonNode flow, Map<String, String> marks, NodeRegistry registry) {
        ObjectNode side = Json.MAPPER.createObjectNode();
        side.put("title", title);
        ArrayNode nodes = side.putArray("nodes");
        int index = 0;
        for (JsonNode node : flow.path("nodes")) {
            String id = node.path("id").asText();
            String kind = node.path("kind").asText();
            JsonNode at = flow.path("layout").path(id);
            ObjectNode drawn = nodes.addObject().put("id", id).put("kind", kind)
                    .put("role", registry.kind(kind).map(NodeKind::role).orElse(NodeRole.PROCESSOR).name())
                    .put("x", at.path("x").asDouble(40 + 220 * index)).put("y", at.path("y").asDouble(80));
            if (marks.containsKey(id)) {
                drawn.put("mark", marks.get(id));
            }
            index++;
        }
        ArrayNode edges = side.putArray("edges");
        for (JsonNode edge : flow.path("edges")) {
            String from = edge.path("from").asText();
            String to = edge.path("to").asText();
            ObjectNode drawn = edges.addObject().put("from", from).put("to", to);
            String mark = marks.get(from + "->" + to);
            if (mark != null) {
                drawn.put("mark", mark);
            }
        }
        return side;
    }
}
