package dev.sluice.pipeline.kind;

import java.util.List;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

/** The smallest flow around one node under test: source {@code in} → the node → {@code target.log} {@code out}. */
final class SingleNodeFlow {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();
    private static final ValidationContext CONTEXT = ValidationContext.standalone("finance");

    private SingleNodeFlow() {
    }

    static String json(String kind, String nodeId, String config) {
        return """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "%s", "kind": "%s", "config": %s},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "%s"}, {"from": "%s", "to": "out"}]}
                """.formatted(nodeId, nodeId, kind, config, nodeId, nodeId);
    }

    /** Every problem the validator reports for the flow, or none. */
    static List<FlowProblem> problems(String kind, String nodeId, String config) {
        try {
            new FlowValidator(REGISTRY).read(json(kind, nodeId, config), CONTEXT);
            return List.of();
        } catch (InvalidFlowException e) {
            return e.problems();
        }
    }

}
