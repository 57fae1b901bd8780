package dev.sluice.flowstore;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;

/**
 * What changed from one flow version to another, by structure rather than by text. Nodes are matched by id
 * and tests by name; a node's changes are listed by JSONPath ({@code $.nodes[id=mask].config.rules[0].keepLast})
 * with the old and new value. Canvas moves are listed under {@code layout} only, so a flow that was merely
 * rearranged shows {@code layoutOnly}.
 */
@JsonPropertyOrder({"from", "to", "identical", "layoutOnly", "flow", "nodes", "edges", "layout", "tests"})
public record FlowDiff(int from, int to, List<Change> flow, Nodes nodes, Edges edges, List<Change> layout,
                       Tests tests) {

    /** Compares version {@code from} ({@code older}) with version {@code to} ({@code newer}). */
    public static FlowDiff between(int from, Flow older, int to, Flow newer) {
        return FlowDiffer.diff(from, older, to, newer);
    }

    /** True when the two versions mean and look the same. */
    @JsonProperty
    public boolean identical() {
        return contentUnchanged() && layout.isEmpty();
    }

    /** True when only node positions on the canvas differ. */
    @JsonProperty
    public boolean layoutOnly() {
        return contentUnchanged() && !layout.isEmpty();
    }

    private boolean contentUnchanged() {
        return flow.isEmpty() && nodes.added.isEmpty() && nodes.removed.isEmpty() && nodes.changed.isEmpty()
                && edges.added.isEmpty() && edges.removed.isEmpty()
                && tests.added.isEmpty() && tests.removed.isEmpty() && tests.changed.isEmpty();
    }

    /**
     * One value that differs. {@code old} is absent when the value was added, {@code new} when it was removed;
     * a JSON {@code null} is a value like any other.
     */
    @JsonPropertyOrder({"path", "old", "new"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String path, @JsonProperty("old") JsonNode before, @JsonProperty("new") JsonNode after) {
    }

    public record Nodes(List<NodeRef> added, List<NodeRef> removed, List<NodeChange> changed) {
    }

    @JsonPropertyOrder({"id", "kind"})
    public record NodeRef(String id, String kind) {
    }

    /** A node present in both versions whose kind or config differs. */
    @JsonPropertyOrder({"id", "changes"})
    public record NodeChange(String id, List<Change> changes) {
    }

    public record Edges(List<FlowEdge> added, List<FlowEdge> removed) {
    }

    public record Tests(List<String> added, List<String> removed, List<TestChange> changed) {
    }

    /** A test present in both versions (by name) whose input or expectations differ. */
    @JsonPropertyOrder({"name", "changes"})
    public record TestChange(String name, List<Change> changes) {
    }
}
