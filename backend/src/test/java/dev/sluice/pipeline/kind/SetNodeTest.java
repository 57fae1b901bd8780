package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

class SetNodeTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();
    private static final ValidationContext CONTEXT = ValidationContext.standalone("finance");

    private static JsonNode json(String text) {
        return FlowJson.parse(text);
    }

    private static ObjectNode event(String data) {
        return (ObjectNode) json("""
                {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.updated",
                 "data": %s}""".formatted(data));
    }

    private static NodeStep step(String config) {
        return REGISTRY.compile(new FlowNode("enrich", "set", (ObjectNode) json(config)),
                CompileContext.standalone("finance", "set-test"));
    }

    private static ObjectNode apply(String config, ObjectNode event) throws StepFailure {
        List<ObjectNode> out = step(config).apply(event);
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    private static String flow(String config) {
        return SingleNodeFlow.json("set", "enrich", config);
    }

    private static List<FlowProblem> problems(String config) {
        return SingleNodeFlow.problems("set", "enrich", config);
    }

    @Test
    void setsConstantsCreatingObjectsAndArraysOnTheWay() throws StepFailure {
        ObjectNode out = apply("""
                {"values": [{"path": "$.data.origin", "value": "user-center"},
                            {"path": "$.data.meta.version", "value": 2},
                            {"path": "$.data.meta.flags[0].on", "value": true},
                            {"path": "$.data.labels", "value": {"team": "finance", "tags": ["a"]}}]}""",
                event("{\"userId\": \"u-7\"}"));

        assertThat(out.get("data")).isEqualTo(json("""
                {"userId": "u-7", "origin": "user-center", "meta": {"version": 2, "flags": [{"on": true}]},
                 "labels": {"team": "finance", "tags": ["a"]}}"""));
    }

    @Test
    void setsNullWhenTheValueIsNull() throws StepFailure {
        ObjectNode out = apply("{\"values\": [{\"path\": \"$.data.email\", \"value\": null}]}",
                event("{\"email\": \"a@x\"}"));

        assertThat(out.get("data")).isEqualTo(json("{\"email\": null}"));
    }

    @Test
    void replacesWhatIsThere() throws StepFailure {
        ObjectNode out = apply("{\"values\": [{\"path\": \"$.data.address\", \"value\": \"hidden\"}, "
                + "{\"path\": \"$.data.tags[1]\", \"value\": \"z\"}]}",
                event("{\"address\": {\"city\": \"Turin\"}, \"tags\": [\"a\", \"b\"]}"));

        assertThat(out.get("data")).isEqualTo(json("{\"address\": \"hidden\", \"tags\": [\"a\", \"z\"]}"));
    }

    @Test
    void givesEveryEventItsOwnCopyOfAConstant() throws StepFailure {
        NodeStep step = step("{\"values\": [{\"path\": \"$.data.labels\", \"value\": {\"team\": \"finance\"}}]}");

        ObjectNode first = step.apply(event("{}")).getFirst();
        ((ObjectNode) first.at("/data/labels")).put("team", "changed downstream");
        ObjectNode second = step.apply(event("{}")).getFirst();

        assertThat(second.at("/data/labels/team").asText()).isEqualTo("finance");
    }

    @Test
    void copiesFromAnotherPathAsAnIndependentValue() throws StepFailure {
        ObjectNode out = apply("""
                {"values": [{"path": "$.data.billing", "from": "$.data.address"},
                            {"path": "$.data.address.city", "value": "Milan"},
                            {"path": "$.data.firstContact", "from": "$.data.contacts[0].phone"}]}""",
                event("{\"address\": {\"city\": \"Turin\"}, \"contacts\": [{\"phone\": \"1\"}]}"));

        assertThat(out.get("data")).isEqualTo(json("""
                {"address": {"city": "Milan"}, "contacts": [{"phone": "1"}], "billing": {"city": "Turin"},
                 "firstContact": "1"}"""));
    }

    @Test
    void doesNothingWhenFromIsAbsentButCopiesAPresentNull() throws StepFailure {
        ObjectNode out = apply("""
                {"values": [{"path": "$.data.email", "from": "$.data.contact.email"},
                            {"path": "$.data.phone", "from": "$.data.mobile"},
                            {"path": "$.data.middle", "from": "$.data.middleName"}]}""",
                event("{\"phone\": \"1\", \"middleName\": null}"));

        assertThat(out.get("data")).isEqualTo(json("{\"phone\": \"1\", \"middleName\": null, \"middle\": null}"));
    }

    @Test
    void appliesRulesInOrder() throws StepFailure {
        ObjectNode out = apply("""
                {"values": [{"path": "$.data.a", "value": 1}, {"path": "$.data.b", "from": "$.data.a"},
                            {"path": "$.data.a", "value": 2}]}""", event("{}"));

        assertThat(out.get("data")).isEqualTo(json("{\"a\": 2, \"b\": 1}"));
    }

    @Test
    void setsTypeSubjectAndExtensionAttributes() throws StepFailure {
        ObjectNode out = apply("""
                {"values": [{"path": "$.type", "value": "user.changed"},
                            {"path": "$.subject", "from": "$.data.userId"},
                            {"path": "$.tenant", "value": "finance"},
                            {"path": "$.priority", "value": 3},
                            {"path": "$.data.eventType", "from": "$.type"}]}""", event("{\"userId\": \"u-7\"}"));

        assertThat(out).isEqualTo(json("""
                {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.changed",
                 "subject": "u-7", "tenant": "finance", "priority": 3,
                 "data": {"userId": "u-7", "eventType": "user.changed"}}"""));
    }

    @Test
    void failsTheEventWhenThePathGoesThroughAStringNamingThePathNotTheValue() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"values\": [{\"path\": \"$.data.name.first\", \"value\": \"Ada\"}]}",
                event("{\"name\": \"Lovelace-secret\"}")));

        assertThat(failure.getMessage()).contains("$.data.name.first").doesNotContain("Lovelace-secret");
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void failsTheEventWhenThePathNeedsAnArrayOrAnObjectThatIsNotThere() {
        assertThat(catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"values\": [{\"path\": \"$.data.items.sku\", \"value\": \"x\"}]}",
                event("{\"items\": [{\"sku\": \"a\"}]}")))).hasMessageContaining("$.data.items.sku");
        assertThat(catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"values\": [{\"path\": \"$.data.items[3]\", \"value\": \"x\"}]}",
                event("{\"items\": []}")))).hasMessageContaining("$.data.items[3]");
    }

    @Test
    void failsTheEventWhenACopiedValueDoesNotFitTheAttribute() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"values\": [{\"path\": \"$.subject\", \"from\": \"$.data.address\"}]}",
                event("{\"address\": {\"street\": \"Via Segreta 1\"}}")));

        assertThat(failure.getMessage()).contains("$.subject must be a string").doesNotContain("Via Segreta");
    }

    @Test
    void reportsEveryBadRuleWithItsPlaceInTheFlow() {
        List<FlowProblem> problems = problems("""
                {"values": [{"path": "$.data.a"},
                            {"path": "$.data.a", "value": 1, "from": "$.data.b"},
                            {"path": "$.id", "value": "x"},
                            {"path": "$.specversion", "value": "1.0"},
                            {"path": "$.data.items[*].sku", "value": "x"},
                            {"path": "$.data.a", "from": "$.data..b"},
                            {"path": "$.tenant", "value": {"nested": true}},
                            {"path": "$.type", "value": ""},
                            {"path": "$.subject.part", "value": "x"},
                            {"path": "$.Tenant", "value": "x"},
                            {"path": "$", "value": {}},
                            {"path": "$.data.ok", "from": "$.data.contacts[*]"},
                            {"path": "$.data_base64", "value": "AAEC"}]}""");

        assertThat(problems).extracting(FlowProblem::path).containsExactly(
                "$.nodes[1].config.values[0]", "$.nodes[1].config.values[1]",
                "$.nodes[1].config.values[2].path", "$.nodes[1].config.values[3].path",
                "$.nodes[1].config.values[4].path", "$.nodes[1].config.values[5].from",
                "$.nodes[1].config.values[6].value", "$.nodes[1].config.values[7].value",
                "$.nodes[1].config.values[8].path", "$.nodes[1].config.values[9].path",
                "$.nodes[1].config.values[10].path", "$.nodes[1].config.values[11].from",
                "$.nodes[1].config.values[12].path");
        assertThat(problems).extracting(FlowProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("needs value", "or from"),
                m -> assertThat(m).contains("either value or from, not both"),
                m -> assertThat(m).contains("id attribute cannot be set"),
                m -> assertThat(m).contains("specversion attribute cannot be set"),
                m -> assertThat(m).contains("wildcards"),
                m -> assertThat(m).contains("position 8", "deep scan"),
                m -> assertThat(m).contains("a string, an integer or a boolean"),
                m -> assertThat(m).contains("must not be empty"),
                m -> assertThat(m).contains("attributes hold no fields", "$.subject"),
                m -> assertThat(m).contains("not a valid attribute name"),
                m -> assertThat(m).contains("whole event"),
                m -> assertThat(m).contains("wildcards"),
                m -> assertThat(m).contains("write data as JSON"));
    }

    @Test
    void acceptsRulesForTypeSubjectSourceExtensionsAndNulls() {
        assertThat(problems("""
                {"values": [{"path": "$.type", "value": "user.changed"}, {"path": "$.subject", "from": "$.data.id"},
                            {"path": "$.source", "value": "/finance"}, {"path": "$.region", "value": 7},
                            {"path": "$.data.copy", "from": "$"}, {"path": "$.data.cleared", "value": null},
                            {"path": "$.subject", "value": null}]}""")).isEmpty();
    }

    @Test
    void requiresAtLeastOneRuleWithAPath() {
        assertThat(problems("{\"values\": []}")).extracting(FlowProblem::path).containsExactly("$.nodes[1].config.values");
        assertThat(problems("{\"values\": [{\"value\": 1}]}")).extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.values[0].path");
        assertThat(problems("{\"values\": [{\"path\": \"$.data.a\", \"value\": 1, \"to\": \"x\"}]}"))
                .extracting(FlowProblem::path).containsExactly("$.nodes[1].config.values[0].to");
    }

    @Test
    void setsFieldsInAFlowFromSourceToTarget() {
        Pipeline pipeline = Pipeline.compile(new FlowValidator(REGISTRY).read(flow("""
                {"values": [{"path": "$.data.origin", "value": "user-center"}, {"path": "$.subject", "from": "$.data.userId"}]}"""),
                CONTEXT), REGISTRY, CompileContext.standalone("finance", "enrich"));

        EventTrace passed = pipeline.trace(event("{\"userId\": \"u-7\"}"));
        EventTrace failed = pipeline.trace(event("{\"userId\": 7}"));

        assertThat(passed.targets().get("out")).singleElement().satisfies(delivered -> {
            assertThat(delivered.get("subject").asText()).isEqualTo("u-7");
            assertThat(delivered.get("data")).isEqualTo(json("{\"userId\": \"u-7\", \"origin\": \"user-center\"}"));
        });
        assertThat(failed.failedAt()).isEqualTo("enrich");
        assertThat(failed.targets()).isEmpty();
        assertThat(failed.steps().getLast().error()).contains("$.subject must be a string");
    }

    @Test
    void declaresADocumentedSchemaAndAnExampleThatPasses() {
        SetNode kind = new SetNode();
        Problems problems = new Problems();

        assertThat(REGISTRY.kind("set")).containsInstanceOf(SetNode.class);
        assertThat(DocumentedSchema.undocumented(json(kind.spec().configSchema()), "")).isEmpty();
        assertThat(REGISTRY.validateConfig(new FlowNode("enrich", "set", (ObjectNode) json(kind.spec().example())), CONTEXT,
                problems)).isPresent();
        assertThat(problems.all()).isEmpty();
    }

}
