package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.ui.PatternRules.Operator;
import dev.sluice.flow.ui.PatternRules.Rule;

class PatternRulesTest {

    private static final Map<String, String> TYPES = Map.of("data.payment.monthlyLimit", "integer",
            "data.userId", "string", "type", "string");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"data\": {\"payment\": {\"currency\": [\"CNY\", \"USD\"]}}}",
            "{\"type\": [{\"prefix\": \"user.\"}], \"subject\": [{\"suffix\": \"7\"}]}",
            "{\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">=\", 10000]}], \"vip\": [true]}}}",
            "{\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">=\", 100, \"<=\", 5000.5]}]}}}",
            "{\"data\": {\"reason\": [{\"exists\": false}], \"state\": [{\"anything-but\": \"deleted\"}]}}",
            "{\"data\": {\"code\": [\"30\", 30]}, \"type\": [{\"wildcard\": \"user.*\"}, {\"equals-ignore-case\": \"X\"}]}",
            "{\"$or\": [{\"type\": [\"a\"]}, {\"type\": [\"b\"]}]}",
            "{\"$or\": [{\"data\": {\"payment\": {\"currency\": [\"CNY\", \"USD\"]}}},"
                    + " {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 1000]}]}}}]}",
            "{\"type\": [{\"prefix\": \"user.\"}], \"$or\": [{\"subject\": [\"7\"]},"
                    + " {\"data\": {\"reason\": [{\"exists\": false}]}}]}"})
    void readsAndWritesBackEveryPatternItCanShow(String text) {
        JsonNode pattern = FlowJson.parse(text);

        PatternRules.Rows rows = PatternRules.read(pattern, TYPES).orElseThrow();

        assertThat(PatternRules.write(rows, TYPES)).isEqualTo(pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"data\": {\"$or\": [{\"a\": [1]}, {\"b\": [2]}]}}",
            "{\"$or\": [{\"type\": [\"a\"], \"subject\": [\"b\"]}, {\"type\": [\"c\"]}]}",
            "{\"$or\": [{\"type\": [\"a\"]}, {\"$or\": [{\"type\": [\"b\"]}, {\"type\": [\"c\"]}]}]}",
            "{\"$or\": [{\"type\": [\"a\"]}, {\"data\": {\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}}]}",
            "{\"$or\": {\"type\": [\"a\"]}}",
            "{\"data\": {\"amount\": [{\"numeric\": [\">\", 0, \"<=\", 100]}]}}",
            "{\"data\": {\"state\": [{\"anything-but\": [\"a\", \"b\"]}]}}",
            "{\"data\": {\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}}",
            "{\"data\": {\"note\": [null]}}",
            "{\"type\": [{\"prefix\": {\"equals-ignore-case\": \"user.\"}}]}",
            "{\"type\": \"user.created\"}"})
    void leavesToJsonWhatARuleCannotSay(String text) {
        assertThat(PatternRules.read(FlowJson.parse(text), TYPES)).isEmpty();
    }

    @Test
    void typesAValueByItsFieldAndKeepsQuotedNumbersAsText() {
        List<Rule> rules = List.of(new Rule("data.payment.monthlyLimit", Operator.EQUALS, "5000"),
                new Rule("data.userId", Operator.EQUALS, "100"),
                new Rule("data.unknown", Operator.EQUALS, "\"100\""),
                new Rule("data.payment.monthlyLimit", Operator.GREATER, "10000"),
                new Rule("data.reason", Operator.EXISTS, ""),
                new Rule("", Operator.EQUALS, "left out: no field"));

        assertThat(PatternRules.write(rules, TYPES)).isEqualTo(FlowJson.parse("""
                {"data": {"payment": {"monthlyLimit": [5000, {"numeric": [">", 10000]}]},
                          "userId": ["100"], "unknown": ["100"], "reason": [{"exists": true}]}}
                """));
    }

    @Test
    void writesARangeRowWithBothEndsIncludedAndKeepsAnEndThatIsNotANumberForTheCheckToName() {
        List<Rule> rules = List.of(new Rule("data.payment.monthlyLimit", Operator.BETWEEN, "100 .. 5000"),
                new Rule("data.amount", Operator.BETWEEN, "7..many"));

        assertThat(PatternRules.write(rules, TYPES)).isEqualTo(FlowJson.parse("""
                {"data": {"payment": {"monthlyLimit": [{"numeric": [">=", 100, "<=", 5000]}]},
                          "amount": [{"numeric": [">=", 7, "<=", "many"]}]}}
                """));
        assertThat(PatternRules.read(FlowJson.parse("""
                {"data": {"payment": {"monthlyLimit": [{"numeric": [">=", 100, "<=", 5000]}]}}}"""), TYPES)
                .orElseThrow().all()).containsExactly(new Rule("data.payment.monthlyLimit", Operator.BETWEEN, "100 .. 5000"));
    }

    @Test
    void readsTheAlternativesOfATopLevelOrAsTheAnyOfGroupBesideTheRulesThatMustAllMatch() {
        PatternRules.Rows rows = PatternRules.read(FlowJson.parse("""
                {"type": [{"prefix": "user."}],
                 "$or": [{"data": {"payment": {"currency": ["CNY", "USD"]}}},
                         {"data": {"payment": {"monthlyLimit": [{"numeric": [">", 1000]}]}}}]}
                """), TYPES).orElseThrow();

        assertThat(rows.all()).containsExactly(new Rule("type", Operator.PREFIX, "user."));
        assertThat(rows.anyOf()).containsExactly(new Rule("data.payment.currency", Operator.EQUALS, "CNY"),
                new Rule("data.payment.currency", Operator.EQUALS, "USD"),
                new Rule("data.payment.monthlyLimit", Operator.GREATER, "1000"));
    }

    @Test
    void writesAnyOfRowsAsAnOrWithAnAlternativePerFieldOrPerRowWhenTheyShareOne() {
        Rule cny = new Rule("data.payment.currency", Operator.EQUALS, "CNY");
        Rule usd = new Rule("data.payment.currency", Operator.EQUALS, "USD");
        Rule large = new Rule("data.payment.monthlyLimit", Operator.GREATER, "1000");
        Rule unfinished = new Rule("", Operator.EQUALS, "");

        assertThat(PatternRules.write(new PatternRules.Rows(List.of(), List.of(cny, large, usd, unfinished)), TYPES))
                .isEqualTo(FlowJson.parse("""
                        {"$or": [{"data": {"payment": {"currency": ["CNY", "USD"]}}},
                                 {"data": {"payment": {"monthlyLimit": [{"numeric": [">", 1000]}]}}}]}
                        """));
        assertThat(PatternRules.write(new PatternRules.Rows(List.of(large), List.of(cny, usd)), TYPES))
                .isEqualTo(FlowJson.parse("""
                        {"data": {"payment": {"monthlyLimit": [{"numeric": [">", 1000]}]}},
                         "$or": [{"data": {"payment": {"currency": ["CNY"]}}},
                                 {"data": {"payment": {"currency": ["USD"]}}}]}
                        """));
        assertThat(PatternRules.write(new PatternRules.Rows(List.of(large), List.of(unfinished)), TYPES))
                .as("a group with nothing filled in says nothing").isEqualTo(PatternRules.write(List.of(large), TYPES));
    }
}
