package dev.sluice.flow;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Events leave {@code from} and enter {@code to}. Several edges out of one node copy the event to each. */
@JsonPropertyOrder({"from", "to"})
public record FlowEdge(String from, String to) {
}
