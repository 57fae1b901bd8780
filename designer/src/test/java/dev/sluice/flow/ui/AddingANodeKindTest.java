package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import example.forget.ForgetNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowSchema;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.LeakGuard;
import dev.sluice.privacy.PiiTags;

/**
 * A node kind is one class: {@link ForgetNode}, registered and nothing else edited, is known to the registry, has a
 * schema generated from its config record in the flow schema, sits in the designer's palette and is read by the
 * privacy guard.
 */
class AddingANodeKindTest {

    private static final NodeRegistry REGISTRY = withForget();

    @Test
    void theRegistryValidatesAndRunsIt() throws Exception {
        Problems missingPath = new Problems();
        assertThat(REGISTRY.validateConfig(node("forget", "{}"), ValidationContext.standalone("w"), missingPath))
                .isEmpty();
        assertThat(missingPath.all()).extracting(problem -> problem.path() + " " + problem.message())
                .containsExactly("$.path is required");

        FlowNode forget = node("forget", "{\"path\": \"$.data.email\"}");
        assertThat(REGISTRY.validateConfig(forget, ValidationContext.standalone("w"), new Problems())).isPresent();
        ObjectNode event = (ObjectNode) FlowJson.parse("""
                {"specversion": "1.0", "id": "1", "source": "crm", "type": "user.created",
                 "data": {"email": "li@example.com", "city": "Hangzhou"}}""");
        List<ObjectNode> out = REGISTRY.compile(forget, CompileContext.standalone("w", "f")).apply(event);
        assertThat(out).singleElement().satisfies(kept -> assertThat(kept.path("data").toString())
                .isEqualTo("{\"city\":\"Hangzhou\"}"));
    }

    @Test
    void theFlowSchemaHasItsGeneratedConfigSchema() {
        JsonNode schema = FlowJson.parse(FlowSchema.generate(REGISTRY));

        JsonNode config = schema.at("/$defs/forget");
        assertThat(config.path("required").toString()).isEqualTo("[\"path\"]");
        assertThat(config.at("/properties/path/title").asText()).isEqualTo("Field");
        assertThat(config.at("/examples/0/path").asText()).isEqualTo("$.data.email");
        assertThat(schema.at("/properties/nodes/items/properties/kind/enum").toString()).contains("\"forget\"");
    }

    @Test
    void thePaletteOffersIt() {
        JsonNode model = FlowJson.parse(new FlowDraft(REGISTRY, "{}").canvasModel(1, Map.of(), Locale.ENGLISH));

        assertThat(model.path("kinds").findValuesAsText("id")).contains("forget");
        assertThat(model.path("kinds").findValuesAsText("summary")).contains("Removes one field from every event");
    }

    @Test
    void thePrivacyGuardReadsWhatItRemoves() {
        PiiTags tags = new PiiTags("crm", Map.of("$.data.email", PiiTags.EMAIL));
        Clearance notCleared = new Clearance("w", Map.of());

        Flow forgetting = flow(node("in", "source", "{\"source\": \"crm\"}"),
                node("forget", "{\"path\": \"$.data.email\"}"), node("out", "target.log", "{}"));
        Flow passingOn = flow(node("in", "source", "{\"source\": \"crm\"}"), node("out", "target.log", "{}"));

        assertThat(LeakGuard.check(forgetting, tags, notCleared, REGISTRY)).isEmpty();
        assertThat(LeakGuard.check(passingOn, tags, notCleared, REGISTRY)).isNotEmpty();
    }

    private static NodeRegistry withForget() {
        List<NodeKind<?>> kinds = new ArrayList<>(NodeRegistry.builtIn().all());
        kinds.add(new ForgetNode());
        return NodeRegistry.of(kinds);
    }

    private static FlowNode node(String kind, String config) {
        return node(kind, kind, config);
    }

    private static FlowNode node(String id, String kind, String config) {
        return new FlowNode(id, kind, (ObjectNode) FlowJson.parse(config));
    }

    private static Flow flow(FlowNode... nodes) {
        List<FlowEdge> edges = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            edges.add(new FlowEdge(nodes[i - 1].id(), nodes[i].id()));
        }
        return new Flow(1, "f", "w", null, List.of(nodes), edges, null, null);
    }
}
