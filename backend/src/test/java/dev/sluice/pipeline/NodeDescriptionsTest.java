package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.FlowJson;

/** The one-line summaries of a node's settings the canvas shows under the node, per built-in kind. */
class NodeDescriptionsTest {

    private static final NodeRegistry registry = NodeRegistry.builtIn();

    static Stream<NodeKind<?>> kinds() {
        return registry.all().stream();
    }

    private static String describe(String kind, String config) {
        return registry.kind(kind).orElseThrow().spec().describe(FlowJson.parse(config));
    }

    @Test
    void everyBuiltInKindSumsUpItsOwnExample() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("source", "user-center.users · user.payment.updated"),
                Map.entry("filter", "currency = CNY"),
                Map.entry("select", "userId, payment, phone"),
                Map.entry("mask", "bankAccount → last 4 (+5)"),
                Map.entry("rename", "user_id → userId (+2)"),
                Map.entry("set", "origin = user-center (+2)"),
                Map.entry("script", "const account = String(event.data.payme…"),
                Map.entry("template", "finance-payment-record"),
                Map.entry("target.http", "POST https://ledger.internal/events"),
                Map.entry("target.rabbitmq", "ws.finance.ledger / payment.changed"),
                Map.entry("target.jdbc", "ledger-db: payment_accounts (user_id)"),
                Map.entry("target.log", "finance-preview"));

        expected.forEach((kind, line) -> assertThat(describe(kind, registry.kind(kind).orElseThrow().spec().example()))
                .as(kind).isEqualTo(line));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anEmptyOrHalfFilledConfigIsDescribedAsFarAsItGoesWithoutFailing(NodeKind<?> kind) {
        assertThat(kind.spec().describe(FlowJson.parse("{}"))).isEmpty();
        assertThat(kind.spec().describe(FlowJson.parse("{\"rules\": [{}], \"pattern\": 3, \"paths\": {}}")))
                .hasSizeLessThanOrEqualTo(NodeSpec.DESCRIPTION_LENGTH);
        assertThat(kind.spec().describe(null)).isEmpty();
    }

    @Test
    void aFilterSaysWhatEachFieldMustBeOperatorsIncluded() {
        assertThat(describe("filter", """
                {"pattern": {"type": [{"prefix": "user."}], "data": {"amount": [{"numeric": [">", 100]}]}}}"""))
                .isEqualTo("type prefix user., amount > 100");
        assertThat(describe("filter", """
                {"pattern": {"$or": [{"data": {"a": [1]}}, {"data": {"b": [2]}}]}}""")).isEqualTo("$or (2)");
    }

    @Test
    void anHttpTargetOnAConnectionNamesTheConnectionAndPathAndALongLineEndsInAnEllipsis() {
        assertThat(describe("target.http", "{\"connection\": \"ledger-hooks\", \"path\": \"/events\", \"method\": \"PUT\"}"))
                .isEqualTo("PUT ledger-hooks/events");
        assertThat(describe("target.http", "{\"url\": \"https://ledger.internal/a/very/long/path/to/the/events/endpoint\"}"))
                .hasSize(NodeSpec.DESCRIPTION_LENGTH).endsWith("…").startsWith("POST https://ledger.internal/");
    }

    @Test
    void aScriptIsSummedUpByItsLeadingCommentInTheUsersOwnWords() {
        assertThat(describe("script", "{\"code\": \"// 隐藏银行账号\\nfunction process(event) {\\n  return event;\\n}\"}"))
                .isEqualTo("隐藏银行账号");
    }

    @Test
    void aKindWithoutADescriberShowsNoSummary() {
        NodeSpec<Object> spec = NodeSpec.processor("plain", Object.class);

        assertThat(spec.describe(FlowJson.parse("{\"anything\": 1}"))).isEmpty();
    }
}
