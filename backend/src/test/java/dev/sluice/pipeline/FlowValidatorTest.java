package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;

class FlowValidatorTest {

    private final FlowValidator validator = new FlowValidator(NodeRegistry.builtIn());
    private final ValidationContext context = ValidationContext.standalone("finance");

    @Test
    void acceptsAMinimalFlowAndExportsItCanonically() {
        String json = """
                {"schemaVersion": 1, "name": "minimal", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"types": ["user.created"], "source": "s"}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "out"}]}
                """;

        Flow flow = validator.read(json, context);
        String exported = FlowJson.write(flow);

        assertThat(FlowJson.write(validator.read(exported, context))).isEqualTo(exported);
        assertThat(exported).contains("\"config\": {\n        \"source\": \"s\",\n        \"types\": [\n");
    }

    @Test
    void reportsEveryGraphProblemWithItsPath() {
        String json = """
                {"schemaVersion": 1, "name": "broken", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "s"}},
                           {"id": "a", "kind": "target.log"},
                           {"id": "a", "kind": "nope"},
                           {"id": "b", "kind": "source", "config": {}}],
                 "edges": [{"from": "in", "to": "ghost"}, {"from": "a", "to": "in"}]}
                """;

        InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class, () -> validator.read(json, context));

        assertThat(invalid.problems()).extracting(FlowProblem::path).contains(
                "$.nodes[2].id", "$.nodes[2].kind", "$.nodes[3].kind", "$.nodes[3].config.source",
                "$.edges[0].to", "$.edges[1].to", "$.edges[1].from");
    }

    @Test
    void reportsAScriptOrTemplateNestedTooDeeplyAtItsNodeInsteadOfOverflowingTheStack() {
        String script = "{\"code\": \"function process(event) { return " + "[".repeat(40_000) + "]".repeat(40_000)
                + "; }\"}";
        String parentheses = "{\"template\": \"#set($x = " + "(".repeat(30_000) + "1" + ")".repeat(30_000) + ")$x\"}";
        String conditions = "{\"template\": \"" + "#if(true)".repeat(5_000) + "x" + "#end".repeat(5_000) + "\"}";

        for (String[] node : new String[][] {{"script", script}, {"template", parentheses}, {"template", conditions}}) {
            String json = """
                    {"schemaVersion": 1, "name": "deep", "workspace": "finance",
                     "nodes": [{"id": "in", "kind": "source", "config": {"source": "s", "types": ["user.created"]}},
                               {"id": "deep", "kind": "%s", "config": %s},
                               {"id": "out", "kind": "target.log"}],
                     "edges": [{"from": "in", "to": "deep"}, {"from": "deep", "to": "out"}]}
                    """.formatted(node[0], node[1]);

            InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class,
                    () -> validator.read(json, context));

            assertThat(invalid.problems()).as(node[0]).singleElement().satisfies(problem -> {
                assertThat(problem.path()).startsWith("$.nodes[1].config");
                assertThat(problem.message()).containsAnyOf("nested too deeply", "levels");
            });
        }
    }

    @Test
    void dropsEventsOfOtherTypesAtTheSource() {
        Flow flow = validator.read("""
                {"schemaVersion": 1, "name": "types", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "s", "types": ["user.created"]}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "out"}]}
                """, context);
        Pipeline pipeline = Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance", "types"));

        EventTrace kept = pipeline.trace(FlowJson.parse("""
                {"specversion": "1.0", "id": "1", "source": "/u", "type": "user.created", "data": {}}"""));
        EventTrace dropped = pipeline.trace(FlowJson.parse("""
                {"specversion": "1.0", "id": "2", "source": "/u", "type": "user.deleted", "data": {}}"""));
        EventTrace malformed = pipeline.trace(FlowJson.parse("""
                {"specversion": "0.3", "source": "/u", "type": "user.deleted"}"""));

        assertThat(kept.targets().get("out")).hasSize(1);
        assertThat(dropped.targets().get("out")).isEmpty();
        assertThat(dropped.steps().get(0).dropped()).isTrue();
        assertThat(malformed.failedAt()).isEqualTo("in");
        assertThat(malformed.steps().get(0).error()).contains("$.id is required", "$.specversion must be 1.0");
    }
}
