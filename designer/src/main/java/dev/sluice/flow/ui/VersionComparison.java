package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDiff;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;

/**
 * Two versions of a flow as the history panel compares them: both graphs side by side with what changed
 * marked ({@code removed} on the older side, {@code added} on the newer, {@code changed} on both), and one row
 * per changed value.
 */
final class VersionComparison {

    /** One changed value: where, and its text in each version ({@code null} where it does not exist). */
    record Row(String where, String before, String after) {
    }

    private VersionComparison() {
    }

    /** The diff component's model: {@code {"sides": [older, newer]}}. */
    static String graphs(FlowDiff diff, JsonNode older, String olderTitle, JsonNode newer, String newerTitle,
                         NodeRegistry registry) {
        Map<String, String> olderMarks = new HashMap<>();
        Map<String, String> newerMarks = new HashMap<>();
        diff.nodes().removed().forEach(node -> olderMarks.put(node.id(), "removed"));
        diff.nodes().added().forEach(node -> newerMarks.put(node.id(), "added"));
        diff.nodes().changed().forEach(node -> {
            olderMarks.put(node.id(), "changed");
            newerMarks.put(node.id(), "changed");
        });
        diff.edges().removed().forEach(edge -> olderMarks.put(edgeKey(edge), "removed"));
        diff.edges().added().forEach(edge -> newerMarks.put(edgeKey(edge), "added"));
        ObjectNode model = FlowJson.MAPPER.createObjectNode();
        ArrayNode sides = model.putArray("sides");
        sides.add(side(olderTitle, older, olderMarks, registry));
        sides.add(side(newerTitle, newer, newerMarks, registry));
        return model.toString();
    }

    private static ObjectNode side(String title, JsonNode flow, Map<String, String> marks, NodeRegistry registry) {
        ObjectNode side = FlowJson.MAPPER.createObjectNode();
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
                drawn.put("change", marks.get(id));
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
                drawn.put("change", mark);
            }
        }
        return side;
    }

    private static String edgeKey(FlowEdge edge) {
        return edge.from() + "->" + edge.to();
    }

    /** Every changed value, flow settings first, then nodes, edges and tests; moves on the canvas are left out. */
    static List<Row> rows(FlowDiff diff) {
        List<Row> rows = new ArrayList<>();
        diff.flow().forEach(change -> rows.add(row(change)));
        diff.nodes().removed().forEach(node -> rows.add(new Row(nodePath(node.id()), node.kind(), null)));
        diff.nodes().added().forEach(node -> rows.add(new Row(nodePath(node.id()), null, node.kind())));
        diff.nodes().changed().forEach(node -> node.changes().forEach(change -> rows.add(row(change))));
        diff.edges().removed().forEach(edge -> rows.add(new Row("$.edges", edge.from() + " → " + edge.to(), null)));
        diff.edges().added().forEach(edge -> rows.add(new Row("$.edges", null, edge.from() + " → " + edge.to())));
        diff.tests().removed().forEach(name -> rows.add(new Row(testPath(name), name, null)));
        diff.tests().added().forEach(name -> rows.add(new Row(testPath(name), null, name)));
        diff.tests().changed().forEach(test -> test.changes().forEach(change -> rows.add(row(change))));
        return rows;
    }

    private static Row row(FlowDiff.Change change) {
        return new Row(change.path(), change.before() == null ? null : change.before().toString(),
                change.after() == null ? null : change.after().toString());
    }

    private static String nodePath(String id) {
        return "$.nodes[id=" + id + "]";
    }

    private static String testPath(String name) {
        return "$.tests[name=" + name + "]";
    }
}
