package dev.sluice.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;

class EventTracingTest {

    private static ObjectNode event(String extra) {
        return (ObjectNode) FlowJson.parse("""
                {"specversion":"1.0","id":"e1","source":"/u","type":"user.created"%s,"data":{"userId":"U1"}}"""
                .formatted(extra));
    }

    @Test
    void offLeavesEventsAsTheyWereAndCreatesNoSpan() {
        ObjectNode event = event("");
        ObjectNode before = event.deepCopy();

        EventSpan span = EventTracing.OFF.ingest("user-center.users", List.of(event));

        assertThat(event).isEqualTo(before);
        assertThat(span.traceId()).isNull();
        assertThat(EventTracing.OFF.step("mask", "mask").traceId()).isNull();
    }

    @Test
    void offStillKnowsTheTraceAnEventNamesSoItsDeadLetterCanSayIt() {
        EventSpan span = EventTracing.OFF.received(event(
                ",\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\""), "finance/f", 1, 1, 1);

        assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void readsOnlyAValidW3cTraceparent() {
        assertThat(EventTracing.traceIdOf(event(""))).isNull();
        assertThat(EventTracing.traceIdOf(event(",\"traceparent\":\"not-a-trace\""))).isNull();
        assertThat(EventTracing.traceIdOf(event(",\"traceparent\":42"))).isNull();
        assertThat(EventTracing.traceIdOf(event(
                ",\"traceparent\":\"00-00000000000000000000000000000000-00f067aa0ba902b7-01\""))).as("no trace").isNull();
        assertThat(EventTracing.traceIdOf(event(
                ",\"traceparent\":\"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\""))).as("upper case")
                .isNull();
        assertThat(EventTracing.OFF.received(null, "finance/f", 1, 1, 1).traceId()).as("not a CloudEvent").isNull();
    }
}
