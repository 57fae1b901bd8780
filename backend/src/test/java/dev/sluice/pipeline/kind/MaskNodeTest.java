package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.event;
import static dev.sluice.pipeline.kind.MaskFixtures.json;
import static dev.sluice.pipeline.kind.MaskFixtures.problems;
import static dev.sluice.pipeline.kind.MaskFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;
import dev.sluice.pipeline.StepFailure;

class MaskNodeTest {

    private static final String USER = """
            {"userId": "U100000", "name": "杨娜", "birthDate": "1985-11-02", "points": 36113,
             "contact": {"phone": "19159083016", "email": "user0@mail.example.cn",
                         "address": {"city": "杭州市", "street": "滨江区江陵路1760号"}},
             "contacts": [{"phone": "13812345678"}, {"phone": "+86 150-8246-2819"}, {"email": "a@b.cn"}],
             "tags": ["vip", "new"]}""";

    /** One valid rule per mode, all on $.data.absent. */
    private static final List<String> ONE_RULE_PER_MODE = List.of(
            "{\"mode\": \"redact\"}", "{\"mode\": \"partial\", \"keepLast\": 4}", "{\"mode\": \"email\"}",
            "{\"mode\": \"phone\"}", "{\"mode\": \"hash\", \"secret\": \"pseudonyms\"}",
            "{\"mode\": \"truncate\", \"maxLength\": 2}", "{\"mode\": \"generalize\", \"to\": \"year\"}",
            "{\"mode\": \"nullify\"}", "{\"mode\": \"remove\"}",
            "{\"mode\": \"regex-replace\", \"pattern\": \"a\", \"replacement\": \"b\"}");

    @Test
    void isAProcessorFoundByTheRegistry() {
        assertThat(NodeRegistry.builtIn().kind("mask")).get()
                .satisfies(kind -> assertThat(kind.role()).isEqualTo(NodeRole.PROCESSOR));
    }

    @Test
    void publishesOneTitledSchemaBranchPerModeForTheDesigner() {
        JsonNode rule = FlowJson.parse(new MaskNode().spec().configSchema()).at("/properties/rules/items");
        JsonNode branches = rule.get("allOf");

        assertThat(rule.at("/properties/mode/enum")).hasSize(MaskMode.values().length);
        assertThat(branches).hasSize(MaskMode.values().length);
        for (int i = 0; i < branches.size(); i++) {
            JsonNode branch = branches.get(i);
            assertThat(branch.at("/if/properties/mode/const").asText()).isEqualTo(MaskMode.values()[i].id());
            assertThat(branch.at("/then/title").asText()).isNotBlank();
            assertThat(branch.at("/then/description").asText()).isNotBlank();
            assertThat(branch.at("/then/additionalProperties").asBoolean(true)).isFalse();
        }
        assertThat(rule.at("/allOf/1/then/properties/keepLast/default").asInt()).isZero();
        assertThat(rule.at("/allOf/3/then/properties/keepFirst/default").asInt()).isEqualTo(3);
    }

    @Test
    void acceptsItsExample() {
        assertThat(problems(new MaskNode().spec().example())).isEmpty();
    }

    @Test
    void reportsAnUnknownModeWithTheKnownModes() {
        List<FlowProblem> problems = problems("""
                {"rules": [{"path": "$.data.name", "mode": "partial"}, {"path": "$.data.phone", "mode": "scramble"}]}""");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$.rules[1].mode");
            assertThat(problem.message()).contains("redact", "partial", "hash", "generalize", "regex-replace");
        });
    }

    @Test
    void reportsModeOptionsAtTheirPaths() {
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"partial\", \"keepLast\": -1, \"keepFirst\": 1.5}"))
                .containsExactlyInAnyOrder("$.rules[0].keepLast", "$.rules[0].keepFirst");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"partial\", \"maskChar\": \"**\"}"))
                .containsExactly("$.rules[0].maskChar");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"partial\", \"maskChar\": \"\"}"))
                .containsExactly("$.rules[0].maskChar");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"hash\"}")).containsExactly("$.rules[0].secret");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"truncate\"}")).containsExactly("$.rules[0].maxLength");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"truncate\", \"maxLength\": -1}"))
                .containsExactly("$.rules[0].maxLength");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"generalize\", \"to\": \"day\"}"))
                .containsExactly("$.rules[0].to");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"generalize\", \"bucket\": 0}"))
                .containsExactly("$.rules[0].bucket");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"regex-replace\", \"pattern\": \"a\"}"))
                .containsExactly("$.rules[0].replacement");
        assertThat(paths("{\"mode\": \"nullify\"}")).containsExactly("$.rules[0].path");
    }

    @Test
    void refusesUnknownOptionsAndOptionsOfAnotherMode() {
        assertThat(problems("""
                {"rules": [{"path": "$.data.a", "mode": "email", "keepLast": 2},
                           {"path": "$.data.a", "mode": "remove", "replacement": "x"}]}"""))
                .extracting(FlowProblem::path, FlowProblem::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.rules[0].keepLast", "is not a known setting here"),
                        org.assertj.core.groups.Tuple.tuple("$.rules[1].replacement", "is not a known setting here"));
    }

    @Test
    void reportsWhatTheSchemaCannotCheckAtItsPath() {
        assertThat(paths("{\"path\": \"$..phone\", \"mode\": \"phone\"}")).containsExactly("$.rules[0].path");
        assertThat(paths("{\"path\": \"$\", \"mode\": \"redact\"}")).containsExactly("$.rules[0].path");
        assertThat(paths("{\"path\": \"$.id\", \"mode\": \"hash\", \"secret\": \"k\"}")).containsExactly("$.rules[0].path");
        assertThat(paths("{\"path\": \"$.*\", \"mode\": \"remove\"}")).containsExactly("$.rules[0].path");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"regex-replace\", \"pattern\": \"(\", \"replacement\": \"\"}"))
                .containsExactly("$.rules[0].pattern");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"regex-replace\", \"pattern\": \"(?=a)\", \"replacement\": \"\"}"))
                .containsExactly("$.rules[0].pattern");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"regex-replace\", \"pattern\": \"(a)\", \"replacement\": \"$2\"}"))
                .containsExactly("$.rules[0].replacement");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"partial\", \"maskChar\": \"0\"}"))
                .containsExactly("$.rules[0].maskChar");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"generalize\"}")).containsExactly("$.rules[0]");
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"generalize\", \"to\": \"year\", \"bucket\": 5}"))
                .containsExactly("$.rules[0]");
        assertThat(paths("{\"path\": \"$.subject\", \"mode\": \"hash\", \"secret\": \"k\"}")).isEmpty();
        assertThat(paths("{\"path\": \"$.data.a\", \"mode\": \"phone\", \"maskChar\": \"•\"}")).isEmpty();
    }

    @Test
    void needsAtLeastOneRule() {
        assertThat(problems("{\"rules\": []}")).extracting(FlowProblem::path).containsExactly("$.rules");
        assertThat(problems("{}")).extracting(FlowProblem::path).containsExactly("$.rules");
        assertThat(problems("{\"rules\": [], \"mode\": \"x\"}")).extracting(FlowProblem::path)
                .contains("$.mode");
    }

    @Test
    void masksEveryValueAWildcardFinds() throws StepFailure {
        ObjectNode out = step("""
                {"rules": [{"path": "$.data.contacts[*].phone", "mode": "phone"}]}""").apply(event(USER)).get(0);

        assertThat(out.at("/data/contacts/0/phone").asText()).isEqualTo("138****5678");
        assertThat(out.at("/data/contacts/1/phone").asText()).isEqualTo("+86 150-****-2819");
        assertThat(out.at("/data/contacts/2")).isEqualTo(json("{\"email\": \"a@b.cn\"}"));
    }

    @Test
    void changesNothingWhenThePathFindsNothing() throws StepFailure {
        for (String rule : ONE_RULE_PER_MODE) {
            for (String path : List.of("$.data.absent", "$.data.contact.absent.deeper", "$.data.tags[7]",
                    "$.data.none[*].phone", "$.data.contacts[*].absent", "$.subject")) {
                ObjectNode original = event(USER);
                String config = "{\"rules\": [{\"path\": \"" + path + "\", " + rule.substring(1) + "]}";

                List<ObjectNode> out = step(config).apply(original.deepCopy());

                assertThat(out).as(config).containsExactly(original);
            }
        }
    }

    @Test
    void appliesTheRulesInOrder() throws StepFailure {
        ObjectNode out = step("""
                {"rules": [{"path": "$.data.contact.phone", "mode": "truncate", "maxLength": 7},
                           {"path": "$.data.contact.phone", "mode": "partial", "keepFirst": 3}]}""")
                .apply(event(USER)).get(0);

        assertThat(out.at("/data/contact/phone").asText()).isEqualTo("191****");
    }

    @Test
    void failsTheWholeEventOnAnObjectWithoutShowingAValue() {
        ObjectNode input = event(USER);
        ObjectNode original = input.deepCopy();
        var step = step("""
                {"rules": [{"path": "$.data.name", "mode": "partial", "keepFirst": 1},
                           {"path": "$.data.contact", "mode": "partial"}]}""");

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> step.apply(input));

        assertThat(failure.getMessage())
                .isEqualTo("mask rule 2 (partial) at $.data.contact: expected a string but found an object");
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(input).as("the event is left as it came, not half-masked").isEqualTo(original);
    }

    @Test
    void namesNoObjectKeyAWildcardMatched() {
        var step = step("""
                {"rules": [{"path": "$.data.byPhone.*", "mode": "hash", "secret": "pseudonyms"}]}""");
        ObjectNode input = event("{\"byPhone\": {\"13812345678\": \"ok\", \"13987654321\": [\"list\"]}}");

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> step.apply(input));

        assertThat(failure.getMessage()).isEqualTo(
                "mask rule 1 (hash) at $.data.byPhone.* (match 2 of 2): expected a string but found an array");
    }

    @Test
    void removesFieldsAndArrayElements() throws StepFailure {
        ObjectNode out = step("""
                {"rules": [{"path": "$.data.tags[*]", "mode": "remove"},
                           {"path": "$.data.contacts[*].phone", "mode": "remove"},
                           {"path": "$.data.contact.address.street", "mode": "remove"}]}""").apply(event(USER)).get(0);

        assertThat(out.at("/data/tags")).isEmpty();
        assertThat(out.at("/data/contacts")).isEqualTo(FlowJson.parse("[{}, {}, {\"email\": \"a@b.cn\"}]"));
        assertThat(out.at("/data/contact/address")).isEqualTo(FlowJson.parse("{\"city\": \"杭州市\"}"));
    }

    @Test
    void leavesNullsAloneButRedactsAndNullifiesAnything() throws StepFailure {
        ObjectNode out = step("""
                {"rules": [{"path": "$.data.a", "mode": "partial"}, {"path": "$.data.b", "mode": "hash", "secret": "pseudonyms"},
                           {"path": "$.data.contact", "mode": "redact"}, {"path": "$.data.c", "mode": "redact",
                            "replacement": "(hidden)"},
                           {"path": "$.data.contacts", "mode": "nullify"}]}""")
                .apply(event("{\"a\": null, \"b\": null, \"c\": null, \"contact\": {\"phone\": \"1\"}, \"contacts\": [1]}"))
                .get(0);

        assertThat(out.get("data")).isEqualTo(FlowJson.parse("""
                {"a": null, "b": null, "c": "(hidden)", "contact": "[REDACTED]", "contacts": null}"""));
    }

    @Test
    void masksAttributesOtherThanTheRequiredOnes() throws StepFailure {
        ObjectNode input = event(USER).put("subject", "U100000");

        ObjectNode out = step("{\"rules\": [{\"path\": \"$.subject\", \"mode\": \"hash\", \"secret\": \"pseudonyms\"}]}")
                .apply(input).get(0);

        assertThat(out.get("subject").asText()).startsWith("hmac:");
        assertThat(out.get("id").asText()).isEqualTo("e1");
    }

    private static List<String> paths(String rule) {
        return problems("{\"rules\": [" + rule + "]}").stream().map(FlowProblem::path).toList();
    }
}
