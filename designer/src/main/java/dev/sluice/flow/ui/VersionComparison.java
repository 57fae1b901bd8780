package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowEdge;
import dev.sluice.flowstore.FlowDiff;
import dev.sluice.pipeline.NodeRegistry;

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

    /** Both graphs, older first, with what changed marked. */
    static List<ObjectNode> graphs(FlowDiff diff, JsonNode older, String olderTitle, JsonNode newer,
                                   String newerTitle, NodeRegistry registry) {
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
        return List.of(FlowGraphs.side(olderTitle, older, olderMarks, registry),
                FlowGraphs.side(newerTitle, newer, newerMarks, registry));
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
