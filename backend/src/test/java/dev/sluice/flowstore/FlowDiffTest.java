package dev.sluice.flowstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

class FlowDiffTest {

    private static final String BASE = """
            {"schemaVersion": 1, "name": "payments", "workspace": "finance", "description": "v1",
             "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                       {"id": "mask", "kind": "mask", "config": {"rules": [{"path": "$.data.account", "mode": "partial", "keepLast": 4}]}},
                       {"id": "out", "kind": "target.log", "config": {"label": "a"}}],
             "edges": [{"from": "users", "to": "mask"}, {"from": "mask", "to": "out"}],
             "layout": {"users": {"x": 40, "y": 80}, "mask": {"x": 200, "y": 80}},
             "tests": [{"name": "masks", "input": {"specversion": "1.0", "id": "t1", "source": "/u", "type": "t",
                                                  "data": {"account": "12345"}},
                        "expect": {"out": [{"data": {"account": "*2345"}}]}}]}
            """;

    @Test
    void reportsNothingForTheSameFlow() {
        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, flow(BASE));

        assertThat(diff.identical()).isTrue();
        assertThat(diff.layoutOnly()).isFalse();
        assertThat(diff.nodes().changed()).isEmpty();
    }

    @Test
    void listsConfigChangesByJsonPathWithOldAndNewValues() {
        Flow changed = flow(BASE.replace("\"keepLast\": 4", "\"keepLast\": 6")
                .replace("\"label\": \"a\"", "\"label\": \"b\", \"extra\": true"));

        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, changed);

        assertThat(diff.nodes().changed()).extracting(FlowDiff.NodeChange::id).containsExactly("mask", "out");
        assertThat(diff.nodes().changed().get(0).changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("$.nodes[id=mask].config.rules[0].keepLast");
            assertThat(change.before().asInt()).isEqualTo(4);
            assertThat(change.after().asInt()).isEqualTo(6);
        });
        assertThat(diff.nodes().changed().get(1).changes()).extracting(FlowDiff.Change::path)
                .containsExactly("$.nodes[id=out].config.extra", "$.nodes[id=out].config.label");
        assertThat(diff.nodes().changed().get(1).changes().get(0).before()).isNull();
        assertThat(diff.identical()).isFalse();
    }

    @Test
    void reportsAKindChangeAsAChangeOfTheNode() {
        Flow changed = flow(BASE.replace("\"id\": \"out\", \"kind\": \"target.log\"", "\"id\": \"out\", \"kind\": \"target.http\""));

        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, changed);

        assertThat(diff.nodes().changed()).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo("out");
            assertThat(node.changes()).singleElement().satisfies(change -> {
                assertThat(change.path()).isEqualTo("$.nodes[id=out].kind");
                assertThat(change.before().asText()).isEqualTo("target.log");
                assertThat(change.after().asText()).isEqualTo("target.http");
            });
        });
    }

    @Test
    void reportsAddedAndRemovedNodesAndEdges() {
        Flow changed = flow(BASE
                .replace("{\"id\": \"mask\", \"kind\": \"mask\", \"config\": {\"rules\": [{\"path\": \"$.data.account\", \"mode\": \"partial\", \"keepLast\": 4}]}},",
                        "{\"id\": \"cny\", \"kind\": \"filter\", \"config\": {\"pattern\": {}}},")
                .replace("{\"from\": \"users\", \"to\": \"mask\"}, {\"from\": \"mask\", \"to\": \"out\"}",
                        "{\"from\": \"users\", \"to\": \"cny\"}, {\"from\": \"cny\", \"to\": \"out\"}")
                .replace("\"mask\": {\"x\": 200, \"y\": 80}", "\"cny\": {\"x\": 200, \"y\": 80}"));

        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, changed);

        assertThat(diff.nodes().added()).containsExactly(new FlowDiff.NodeRef("cny", "filter"));
        assertThat(diff.nodes().removed()).containsExactly(new FlowDiff.NodeRef("mask", "mask"));
        assertThat(diff.nodes().changed()).isEmpty();
        assertThat(diff.edges().added()).containsExactly(new FlowEdge("users", "cny"), new FlowEdge("cny", "out"));
        assertThat(diff.edges().removed()).containsExactly(new FlowEdge("users", "mask"), new FlowEdge("mask", "out"));
        assertThat(diff.layout()).extracting(FlowDiff.Change::path).containsExactly("$.layout.cny", "$.layout.mask");
    }

    @Test
    void reportsMovedNodesSeparatelyAsLayoutOnly() {
        Flow moved = flow(BASE.replace("\"x\": 200", "\"x\": 260"));

        FlowDiff diff = FlowDiff.between(3, flow(BASE), 4, moved);

        assertThat(diff.layoutOnly()).isTrue();
        assertThat(diff.nodes().changed()).isEmpty();
        assertThat(diff.layout()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("$.layout.mask");
            assertThat(change.before().toString()).isEqualTo("{\"x\":200,\"y\":80}");
            assertThat(change.after().toString()).isEqualTo("{\"x\":260,\"y\":80}");
        });
    }

    @Test
    void reportsTestsAddedRemovedAndChangedByName() {
        Flow changed = flow(BASE.replace("\"*2345\"", "\"***2345\"").replace("\"tests\": [", """
                "tests": [{"name": "new one", "input": {"specversion": "1.0", "id": "t2", "source": "/u", "type": "t"},
                           "expect": {}},
                """));
        Flow renamed = flow(BASE.replace("\"name\": \"masks\"", "\"name\": \"masks it\""));

        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, changed);
        FlowDiff rename = FlowDiff.between(1, flow(BASE), 2, renamed);

        assertThat(diff.tests().added()).containsExactly("new one");
        assertThat(diff.tests().removed()).isEmpty();
        assertThat(diff.tests().changed()).singleElement().satisfies(test -> {
            assertThat(test.name()).isEqualTo("masks");
            assertThat(test.changes()).extracting(FlowDiff.Change::path)
                    .containsExactly("$.tests[name='masks'].expect.out[0].data.account");
        });
        assertThat(rename.tests().added()).containsExactly("masks it");
        assertThat(rename.tests().removed()).containsExactly("masks");
    }

    @Test
    void reportsDescriptionChangesAndTreatsEqualNumbersAsEqual() {
        Flow changed = flow(BASE.replace("\"description\": \"v1\"", "\"description\": \"v2\"")
                .replace("\"keepLast\": 4", "\"keepLast\": 4.0"));

        FlowDiff diff = FlowDiff.between(1, flow(BASE), 2, changed);

        assertThat(diff.flow()).extracting(FlowDiff.Change::path).containsExactly("$.description");
        assertThat(diff.nodes().changed()).isEmpty();
    }

    @Test
    void writesOldAndNewAndLeavesOutAbsentValues() throws Exception {
        Flow changed = flow(BASE.replace("\"label\": \"a\"", "\"label\": null"));
        Flow removed = flow(BASE.replace("\"config\": {\"label\": \"a\"}", "\"config\": {}"));

        JsonNode nulled = Json.MAPPER.valueToTree(FlowDiff.between(1, flow(BASE), 2, changed));
        JsonNode gone = Json.MAPPER.valueToTree(FlowDiff.between(1, flow(BASE), 2, removed));

        assertThat(nulled.path("nodes").path("changed").get(0).path("changes").get(0).toString())
                .isEqualTo("{\"path\":\"$.nodes[id=out].config.label\",\"old\":\"a\",\"new\":null}");
        assertThat(gone.path("nodes").path("changed").get(0).path("changes").get(0).toString())
                .isEqualTo("{\"path\":\"$.nodes[id=out].config.label\",\"old\":\"a\"}");
        assertThat(gone.path("from").asInt()).isEqualTo(1);
        assertThat(gone.path("identical").asBoolean()).isFalse();
        assertThat(gone.path("layoutOnly").asBoolean()).isFalse();
    }

    private static Flow flow(String json) {
        return FlowJson.bind(FlowJson.parse(json));
    }
}
