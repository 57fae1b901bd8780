package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.NodeRegistry;

class FlowDraftTest {

    private static final String FLOW = """
            {"schemaVersion": 1, "name": "f", "workspace": "finance",
             "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                       {"id": "cny", "kind": "filter", "config": {"pattern": {"data": {"currency": ["CNY"]}}}},
                       {"id": "out", "kind": "target.log", "config": {"label": "x"}}],
             "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "out"}]}
            """;

    private static String graph(String... nodes) {
        StringBuilder drawn = new StringBuilder();
        for (String node : nodes) {
            String[] idKind = node.split(":");
            drawn.append(drawn.isEmpty() ? "" : ",").append("""
                    {"id": "%s", "kind": "%s", "x": 0, "y": 0, "summary": ""}""".formatted(idKind[0], idKind[1]));
        }
        return "{\"nodes\": [" + drawn + "], \"edges\": []}";
    }

    @Test
    void aDeletedNodeDrawnAgainByUndoComesBackWithItsSettings() {
        FlowDraft draft = new FlowDraft(NodeRegistry.builtIn(), FLOW);

        draft.applyGraph(graph("users:source", "out:target.log"));
        draft.applyGraph(graph("users:source", "cny:filter", "out:target.log"));

        assertThat(draft.node("cny").orElseThrow().path("config").path("pattern").toString())
                .isEqualTo("{\"data\":{\"currency\":[\"CNY\"]}}");
    }

    @Test
    void aNewNodeOfAnotherKindUnderADeletedNodesIdStartsEmpty() {
        FlowDraft draft = new FlowDraft(NodeRegistry.builtIn(), FLOW);

        draft.applyGraph(graph("users:source", "out:target.log"));
        draft.applyGraph(graph("users:source", "cny:mask", "out:target.log"));

        assertThat(draft.node("cny").orElseThrow().path("config").has("pattern")).isFalse();
    }
}
