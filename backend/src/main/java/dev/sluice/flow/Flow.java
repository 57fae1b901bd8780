package dev.sluice.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A flow as stewards draw it and as its JSON says: one source node, processing nodes, target nodes,
 * edges that pass events on, the canvas layout and the flow's own tests. Immutable; validity is checked
 * by {@link FlowValidator}, not here, so that an invalid flow can still be read and reported on.
 */
@JsonPropertyOrder({"schemaVersion", "name", "workspace", "description", "nodes", "edges", "layout", "tests"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flow(int schemaVersion, String name, String workspace, String description, List<FlowNode> nodes,
                   List<FlowEdge> edges, Map<String, Position> layout, List<FlowTest> tests) {

    public static final int SCHEMA_VERSION = 1;

    /** The kind id of the node events enter a flow by. */
    public static final String SOURCE_KIND = "source";

    public Flow {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        layout = layout == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(layout));
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public Optional<FlowNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The node events enter by; empty while the flow has none (a valid flow has exactly one). */
    public Optional<FlowNode> sourceNode() {
        return nodes.stream().filter(n -> SOURCE_KIND.equals(n.kind())).findFirst();
    }

    /** Where a node sits on the canvas. */
    public record Position(double x, double y) {
    }
}
