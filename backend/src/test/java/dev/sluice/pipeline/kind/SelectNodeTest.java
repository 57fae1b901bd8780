package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

class SelectNodeTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();
    private static final ValidationContext CONTEXT = ValidationContext.standalone("finance");
    private static final String ATTRIBUTES = """
            "specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.updated",
            "subject": "u-7", "time": "2025-01-01T00:00:00Z", "datacontenttype": "application/json",
            "tenant": "acme", "sequence": 42""";

    private static ObjectNode event(String data) {
        return (ObjectNode) FlowJson.parse("{" + ATTRIBUTES + ", \"data\": " + data + "}");
    }

    private static JsonNode json(String text) {
        return FlowJson.parse(text);
    }

    private static ObjectNode select(String data, String... paths) throws StepFailure {
        ObjectNode config = Json.MAPPER.createObjectNode();
        List.of(paths).forEach(config.putArray("paths")::add);
        NodeStep step = REGISTRY.compile(new FlowNode("split", "select", config),
                CompileContext.standalone("finance", "select-test"));
        List<ObjectNode> out = step.apply(event(data));
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    private static String flow(String config) {
        return SingleNodeFlow.json("select", "split", config);
    }

    private static List<FlowProblem> problems(String config) {
        return SingleNodeFlow.problems("select", "split", config);
    }

    @Test
    void keepsOnlyTheListedFieldsOfNestedObjects() throws StepFailure {
        ObjectNode out = select("""
                {"userId": "u-7", "name": "Ada", "payment": {"currency": "CNY", "bankAccount": "6222", "amount": 10},
                 "address": {"city": "Turin"}}""", "$.data.userId", "$.data.payment.currency");

        assertThat(out.get("data")).isEqualTo(json("{\"userId\": \"u-7\", \"payment\": {\"currency\": \"CNY\"}}"));
    }

    @Test
    void keepsEveryAttributeAsItWas() throws StepFailure {
        ObjectNode out = select("{\"userId\": \"u-7\", \"name\": \"Ada\"}", "$.data.userId");

        out.remove("data");
        assertThat(out).isEqualTo(json("{" + ATTRIBUTES + "}"));
    }

    @Test
    void keepsArrayElementsAlignedUnderAWildcard() throws StepFailure {
        ObjectNode out = select("""
                {"contacts": [{"phone": "1", "email": "a@x"}, {"email": "b@x"}, {"phone": "3"}]}""",
                "$.data.contacts[*].phone");

        assertThat(out.get("data")).isEqualTo(json("{\"contacts\": [{\"phone\": \"1\"}, {}, {\"phone\": \"3\"}]}"));
    }

    @Test
    void mergesSeveralPathsThroughTheSameArray() throws StepFailure {
        ObjectNode out = select("""
                {"contacts": [{"phone": "1", "kind": "home", "note": "x"}, {"kind": "work", "note": "y"}]}""",
                "$.data.contacts[*].phone", "$.data.contacts[*].kind");

        assertThat(out.get("data")).isEqualTo(json("""
                {"contacts": [{"phone": "1", "kind": "home"}, {"kind": "work"}]}"""));
    }

    @Test
    void fillsElementsWithNothingKeptByTheirShape() throws StepFailure {
        ObjectNode out = select("""
                {"mixed": [{"phone": "1"}, "text", [1], null, {"other": 2}]}""", "$.data.mixed[*].phone");

        assertThat(out.get("data")).isEqualTo(json("{\"mixed\": [{\"phone\": \"1\"}, null, [], null, {}]}"));
    }

    @Test
    void keepsAnIndexedElementAtItsIndex() throws StepFailure {
        ObjectNode out = select("""
                {"tags": ["a", "b", "c"], "items": [{"sku": "x", "price": 1}, {"sku": "y", "price": 2}]}""",
                "$.data.tags[1]", "$.data.items[1].sku");

        assertThat(out.get("data")).isEqualTo(json("{\"tags\": [null, \"b\", null], \"items\": [{}, {\"sku\": \"y\"}]}"));
    }

    @Test
    void keepsEveryMemberUnderAnObjectWildcard() throws StepFailure {
        ObjectNode out = select("""
                {"phones": {"home": {"number": "1", "verified": true}, "work": {"number": "2"}}, "name": "Ada"}""",
                "$.data.phones.*.number");

        assertThat(out.get("data")).isEqualTo(json("{\"phones\": {\"home\": {\"number\": \"1\"}, \"work\": {\"number\": \"2\"}}}"));
    }

    @Test
    void keepsAWholeSubtreeWhenAPathNamesItAndAnotherPathGoesInsideIt() throws StepFailure {
        ObjectNode out = select("""
                {"payment": {"currency": "CNY", "card": {"last4": "2345"}}, "name": "Ada"}""",
                "$.data.payment.currency", "$.data.payment", "$.data['payment'].card.last4");

        assertThat(out.get("data")).isEqualTo(json("{\"payment\": {\"currency\": \"CNY\", \"card\": {\"last4\": \"2345\"}}}"));
    }

    @Test
    void keepsAllOfDataForDataItself() throws StepFailure {
        ObjectNode out = select("[1, {\"a\": 2}]", "$.data", "$.data[0]");

        assertThat(out.get("data")).isEqualTo(json("[1, {\"a\": 2}]"));
    }

    @Test
    void keepsPresentNullsAndSkipsAbsentPaths() throws StepFailure {
        ObjectNode out = select("""
                {"userId": "u-7", "middleName": null, "address": {"street": "Via Roma"}}""",
                "$.data.userId", "$.data.middleName", "$.data.email", "$.data.address.city", "$.data.userId.x");

        assertThat(out.get("data")).isEqualTo(json("{\"userId\": \"u-7\", \"middleName\": null}"));
    }

    @Test
    void leavesAnEmptyObjectWhenNothingListedIsPresent() throws StepFailure {
        assertThat(select("{\"name\": \"Ada\", \"address\": {\"street\": \"Via Roma\"}}", "$.data.address.city")
                .get("data")).isEqualTo(json("{}"));
        assertThat(select("{\"contacts\": [{\"email\": \"a@x\"}]}", "$.data.contacts[*].phone")
                .get("data")).isEqualTo(json("{}"));
        assertThat(select("\"plain text\"", "$.data.name").get("data")).isEqualTo(json("{}"));
        assertThat(select("null", "$.data.name").get("data")).isEqualTo(json("{}"));
    }

    @Test
    void replacesBase64DataWithTheSelection() throws StepFailure {
        ObjectNode event = (ObjectNode) json("""
                {"specversion": "1.0", "id": "e-1", "source": "/s", "type": "t", "data_base64": "AAEC"}""");
        NodeStep step = REGISTRY.compile(new FlowNode("split", "select", (ObjectNode) json("{\"paths\": [\"$.data.a\"]}")),
                CompileContext.standalone("finance", "select-test"));

        ObjectNode out = step.apply(event).getFirst();

        assertThat(out).isEqualTo(json("{\"specversion\": \"1.0\", \"id\": \"e-1\", \"source\": \"/s\", \"type\": \"t\", \"data\": {}}"));
    }

    @Test
    void keepsTheOrderOfDataNotOfThePaths() throws StepFailure {
        ObjectNode out = select("{\"a\": 1, \"b\": 2, \"c\": 3}", "$.data.c", "$.data.a");

        assertThat(out.get("data").toString()).isEqualTo("{\"a\":1,\"c\":3}");
    }

    @Test
    void reportsEveryBadPathWithItsPlaceInTheFlow() {
        List<FlowProblem> problems = problems("""
                {"paths": ["$.data..email", "$.subject", "$.data.userId", "$.data.items[?(@.price > 1)]", "$",
                           "data.userId", "$.data.items[0:2]"]}""");

        assertThat(problems).extracting(FlowProblem::path).containsExactly(
                "$.nodes[1].config.paths[0]", "$.nodes[1].config.paths[1]", "$.nodes[1].config.paths[3]",
                "$.nodes[1].config.paths[4]", "$.nodes[1].config.paths[5]", "$.nodes[1].config.paths[6]");
        assertThat(problems.get(0).message()).contains("position 8", "deep scan");
        assertThat(problems.get(1).message()).contains("attributes are always kept");
        assertThat(problems.get(2).message()).contains("filters");
        assertThat(problems.get(3).message()).contains("attributes are always kept");
        assertThat(problems.get(4).message()).contains("must start with $");
        assertThat(problems.get(5).message()).contains("slices");
    }

    @Test
    void requiresAtLeastOnePathAndNothingElse() {
        assertThat(problems("{}")).extracting(FlowProblem::path).containsExactly("$.nodes[1].config.paths");
        assertThat(problems("{\"paths\": []}")).extracting(FlowProblem::path).containsExactly("$.nodes[1].config.paths");
        assertThat(problems("{\"paths\": [\"$.data.a\", \"$.data.a\"]}")).extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.paths");
        assertThat(problems("{\"paths\": [\"$.data.a\"], \"drop\": true}")).extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.drop");
        assertThat(problems("{\"paths\": [\"\"]}")).extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.paths[0]");
    }

    @Test
    void splitsDataInAFlowFromSourceToTarget() {
        FlowValidator validator = new FlowValidator(REGISTRY);
        Pipeline pipeline = Pipeline.compile(validator.read(flow("""
                {"paths": ["$.data.userId", "$.data.contacts[*].phone"]}"""), CONTEXT),
                REGISTRY, CompileContext.standalone("finance", "split"));

        EventTrace trace = pipeline.trace(event("""
                {"userId": "u-7", "nationalId": "110101", "contacts": [{"phone": "1", "email": "a@x"}, {"email": "b@x"}]}"""));
        EventTrace again = pipeline.trace(event("{\"nationalId\": \"110102\"}"));

        assertThat(trace.failedAt()).isNull();
        assertThat(trace.steps()).extracting(EventTrace.Step::node).containsExactly("in", "split", "out");
        assertThat(trace.targets().get("out")).singleElement().satisfies(delivered -> {
            assertThat(delivered.get("data")).isEqualTo(json("{\"userId\": \"u-7\", \"contacts\": [{\"phone\": \"1\"}, {}]}"));
            assertThat(delivered.get("tenant").asText()).isEqualTo("acme");
            assertThat(delivered.get("id").asText()).isEqualTo("e-1");
        });
        assertThat(again.targets().get("out")).singleElement()
                .satisfies(delivered -> assertThat(delivered.get("data")).isEqualTo(json("{}")));
    }

    @Test
    void declaresADocumentedSchemaAndAnExampleThatPasses() {
        SelectNode kind = new SelectNode();
        Problems problems = new Problems();

        assertThat(REGISTRY.kind("select")).containsInstanceOf(SelectNode.class);
        assertThat(DocumentedSchema.undocumented(json(kind.spec().configSchema()), "")).isEmpty();
        assertThat(REGISTRY.validateConfig(new FlowNode("split", "select", (ObjectNode) json(kind.spec().example())), CONTEXT,
                problems)).isPresent();
        assertThat(problems.all()).isEmpty();
    }

}
