package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.flow.FlowJson;

class EventPatternOrTest {

    private static final JsonNode PAYMENT = FlowJson.parse("""
            {"type": "user.payment.updated", "data": {"payment": {"monthlyLimit": 5000}}}""");
    private static final JsonNode DELETED = FlowJson.parse("""
            {"type": "user.deleted", "data": {}}""");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\": [{\"prefix\": \"user.\"}], \"$or\": [{\"type\": [\"user.deleted\"]}, {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 10000]}]}}}]}",
            "{\"$or\": [{\"type\": [\"user.deleted\"]}, {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 10000]}]}}}], \"type\": [{\"prefix\": \"user.\"}]}"})
    void matchesAnOrBesideAFieldItAlsoTestsWhereverTheOrIsWritten(String text) {
        EventPattern pattern = EventPattern.compile(FlowJson.parse(text));

        assertThat(pattern.matches(DELETED)).isTrue();
        assertThat(pattern.matches(PAYMENT)).as("neither deleted nor over 10000").isFalse();
    }
}
