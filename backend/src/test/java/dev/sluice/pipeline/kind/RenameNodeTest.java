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
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

class RenameNodeTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();
    private static final ValidationContext CONTEXT = ValidationContext.standalone("finance");

    private static JsonNode json(String text) {
        return FlowJson.parse(text);
    }

    private static ObjectNode event(String data) {
        return (ObjectNode) json("""
                {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.updated",
                 "subject": "u-7", "data": %s}""".formatted(data));
    }

    private static ObjectNode apply(String config, ObjectNode event) throws StepFailure {
        List<ObjectNode> out = REGISTRY.compile(new FlowNode("rename", "rename", (ObjectNode) json(config)),
                CompileContext.standalone("finance", "rename-test")).apply(event);
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    private static String flow(String config) {
        return SingleNodeFlow.json("rename", "rename", config);
    }

    private static List<FlowProblem> problems(String config) {
        return SingleNodeFlow.problems("rename", "rename", config);
    }

    @Test
    void movesFieldsBetweenNestedObjectsCreatingThemOnTheWay() throws StepFailure {
        ObjectNode out = apply("""
                {"moves": [{"from": "$.data.user.first_name", "to": "$.data.name.first"},
                           {"from": "$.data['zip code']", "to": "$.data.address.postalCode"}]}""",
                event("{\"user\": {\"first_name\": \"Ada\", \"age\": 36}, \"zip code\": \"10121\"}"));

        assertThat(out.get("data")).isEqualTo(json("""
                {"user": {"age": 36}, "name": {"first": "Ada"}, "address": {"postalCode": "10121"}}"""));
    }

    @Test
    void movesObjectsAndArraysWhole() throws StepFailure {
        ObjectNode out = apply("{\"moves\": [{\"from\": \"$.data.contacts\", \"to\": \"$.data.person.contacts\"}]}",
                event("{\"contacts\": [{\"phone\": \"1\"}, {\"phone\": \"2\"}]}"));

        assertThat(out.get("data")).isEqualTo(json("{\"person\": {\"contacts\": [{\"phone\": \"1\"}, {\"phone\": \"2\"}]}}"));
    }

    @Test
    void overwritesWhatIsAtTheNewPlace() throws StepFailure {
        ObjectNode out = apply("{\"moves\": [{\"from\": \"$.data.new_email\", \"to\": \"$.data.email\"}]}",
                event("{\"email\": \"old@x\", \"new_email\": \"new@x\"}"));

        assertThat(out.get("data")).isEqualTo(json("{\"email\": \"new@x\"}"));
    }

    @Test
    void leavesTheEventUnchangedWhenTheFieldIsAbsent() throws StepFailure {
        ObjectNode event = event("{\"name\": \"Ada\", \"address\": null}");
        ObjectNode before = event.deepCopy();

        ObjectNode out = apply("""
                {"moves": [{"from": "$.data.email", "to": "$.data.contact.email"},
                           {"from": "$.data.address.city", "to": "$.data.city"},
                           {"from": "$.data.name.first", "to": "$.data.first"}]}""", event);

        assertThat(out).isEqualTo(before);
    }

    @Test
    void movesAPresentNull() throws StepFailure {
        ObjectNode out = apply("{\"moves\": [{\"from\": \"$.data.middle_name\", \"to\": \"$.data.middleName\"}]}",
                event("{\"middle_name\": null}"));

        assertThat(out.get("data")).isEqualTo(json("{\"middleName\": null}"));
    }

    @Test
    void appliesMovesInOrder() throws StepFailure {
        ObjectNode out = apply("""
                {"moves": [{"from": "$.data.a", "to": "$.data.b"}, {"from": "$.data.b", "to": "$.data.c"}]}""",
                event("{\"a\": 1, \"b\": 2}"));

        assertThat(out.get("data")).isEqualTo(json("{\"c\": 1}"));
    }

    @Test
    void shiftsLaterArrayElementsDownWhenMovingOneOut() throws StepFailure {
        ObjectNode out = apply("{\"moves\": [{\"from\": \"$.data.items[0]\", \"to\": \"$.data.first\"}]}",
                event("{\"items\": [\"a\", \"b\", \"c\"]}"));

        assertThat(out.get("data")).isEqualTo(json("{\"items\": [\"b\", \"c\"], \"first\": \"a\"}"));
    }

    @Test
    void movesAFieldIntoItsOwnPlaceBelow() throws StepFailure {
        ObjectNode out = apply("{\"moves\": [{\"from\": \"$.data.address\", \"to\": \"$.data.address.home\"}]}",
                event("{\"address\": {\"city\": \"Turin\"}}"));

        assertThat(out.get("data")).isEqualTo(json("{\"address\": {\"home\": {\"city\": \"Turin\"}}}"));
    }

    @Test
    void movesBetweenDataAndAttributesKeepingTheOthers() throws StepFailure {
        ObjectNode out = apply("""
                {"moves": [{"from": "$.subject", "to": "$.data.userId"}, {"from": "$.data.kind", "to": "$.type"},
                           {"from": "$.data.region", "to": "$.region"}]}""",
                event("{\"kind\": \"user.moved\", \"region\": \"eu\"}"));

        assertThat(out).isEqualTo(json("""
                {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.moved", "region": "eu",
                 "data": {"userId": "u-7"}}"""));
    }

    @Test
    void failsTheEventWhenTheNewPlaceGoesThroughAStringNamingThePathNotTheValue() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"moves\": [{\"from\": \"$.data.first\", \"to\": \"$.data.name.first\"}]}",
                event("{\"first\": \"Ada\", \"name\": \"Lovelace-secret\"}")));

        assertThat(failure.getMessage()).contains("$.data.name.first").doesNotContain("Lovelace-secret", "Ada");
    }

    @Test
    void failsTheEventWhenTheNewPlaceNeedsAnotherContainer() {
        assertThat(catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"moves\": [{\"from\": \"$.data.sku\", \"to\": \"$.data.items.sku\"}]}",
                event("{\"sku\": \"x\", \"items\": []}")))).hasMessageContaining("$.data.items.sku");
    }

    @Test
    void failsTheEventWhenAMovedValueDoesNotFitTheAttribute() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> apply(
                "{\"moves\": [{\"from\": \"$.data.address\", \"to\": \"$.region\"}]}",
                event("{\"address\": {\"street\": \"Via Segreta 1\"}}")));

        assertThat(failure.getMessage()).contains("$.region", "a string, an integer or a boolean")
                .doesNotContain("Via Segreta");
    }

    @Test
    void refusesToMoveTheRequiredAttributesAway() {
        List<FlowProblem> problems = problems("""
                {"moves": [{"from": "$.id", "to": "$.data.id"}, {"from": "$.source", "to": "$.data.source"},
                           {"from": "$.specversion", "to": "$.data.v"}, {"from": "$.type", "to": "$.data.type"},
                           {"from": "$.subject", "to": "$.data.subject"}]}""");

        assertThat(problems).extracting(FlowProblem::path).containsExactly(
                "$.nodes[1].config.moves[0].from", "$.nodes[1].config.moves[1].from",
                "$.nodes[1].config.moves[2].from", "$.nodes[1].config.moves[3].from");
        assertThat(problems.get(3).message()).isEqualTo("'type' is a required CloudEvent attribute and cannot be moved away");
    }

    @Test
    void requiresAtLeastOneMoveWithFromAndTo() {
        assertThat(problems("{\"moves\": []}")).extracting(FlowProblem::path).containsExactly("$.nodes[1].config.moves");
        assertThat(problems("{\"moves\": [{\"from\": \"$.data.a\"}, {\"to\": \"$.data.b\", \"from\": \"\"}]}"))
                .extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.moves[0].to", "$.nodes[1].config.moves[1].from");
    }

    @Test
    void reportsEveryBadMoveWithItsPlaceInTheFlow() {
        List<FlowProblem> problems = problems("""
                {"moves": [{"from": "$.data.items[*].sku", "to": "$.data.skus"},
                           {"from": "$.data.a", "to": "$.data.b.*"},
                           {"from": "$.data['a", "to": "$.data.b"},
                           {"from": "$.data.a", "to": "$.id"},
                           {"from": "$.data.a", "to": "$.specversion"},
                           {"from": "$.data.a", "to": "$.subject.text"},
                           {"from": "$", "to": "$.data.all"},
                           {"from": "$.data.a", "to": "$"},
                           {"from": "$.data.a", "to": "$.Region"}]}""");

        assertThat(problems).extracting(FlowProblem::path).containsExactly(
                "$.nodes[1].config.moves[0].from", "$.nodes[1].config.moves[1].to", "$.nodes[1].config.moves[2].from",
                "$.nodes[1].config.moves[3].to", "$.nodes[1].config.moves[4].to", "$.nodes[1].config.moves[5].to",
                "$.nodes[1].config.moves[6].from", "$.nodes[1].config.moves[7].to", "$.nodes[1].config.moves[8].to");
        assertThat(problems).extracting(FlowProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("wildcards"),
                m -> assertThat(m).contains("wildcards"),
                m -> assertThat(m).contains("position 10", "unclosed quote"),
                m -> assertThat(m).contains("id attribute cannot be set"),
                m -> assertThat(m).contains("specversion attribute cannot be set"),
                m -> assertThat(m).contains("attributes hold no fields"),
                m -> assertThat(m).contains("cannot move the whole event"),
                m -> assertThat(m).contains("cannot replace the whole event"),
                m -> assertThat(m).contains("not a valid attribute name"));
    }

    @Test
    void renamesInAFlowFromSourceToTarget() {
        Pipeline pipeline = Pipeline.compile(new FlowValidator(REGISTRY).read(flow("""
                {"moves": [{"from": "$.data.user_id", "to": "$.data.userId"}, {"from": "$.data.first", "to": "$.data.name.first"}]}"""),
                CONTEXT), REGISTRY, CompileContext.standalone("finance", "rename"));

        EventTrace passed = pipeline.trace(event("{\"user_id\": \"u-7\", \"first\": \"Ada\"}"));
        EventTrace failed = pipeline.trace(event("{\"first\": \"Ada\", \"name\": \"Ada Lovelace\"}"));

        assertThat(passed.targets().get("out")).singleElement().satisfies(delivered -> {
            assertThat(delivered.get("data")).isEqualTo(json("{\"userId\": \"u-7\", \"name\": {\"first\": \"Ada\"}}"));
            assertThat(delivered.get("subject").asText()).isEqualTo("u-7");
        });
        assertThat(failed.failedAt()).isEqualTo("rename");
        assertThat(failed.steps().getLast().error()).contains("$.data.name.first").doesNotContain("Lovelace");
    }

    @Test
    void declaresADocumentedSchemaAndAnExampleThatPasses() {
        RenameNode kind = new RenameNode();
        Problems problems = new Problems();

        assertThat(REGISTRY.kind("rename")).containsInstanceOf(RenameNode.class);
        assertThat(DocumentedSchema.undocumented(json(kind.spec().configSchema()), "")).isEmpty();
        assertThat(REGISTRY.validateConfig(new FlowNode("rename", "rename", (ObjectNode) json(kind.spec().example())), CONTEXT,
                problems)).isPresent();
        assertThat(problems.all()).isEmpty();
    }

}
