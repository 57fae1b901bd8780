package dev.sluice.pipeline;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happened to one event in a dry-run: each step in the order it ran, and what each target would
 * receive. {@code failedAt} names the node whose failure stopped the event (then no target receives
 * anything, as in the engine).
 */
@JsonPropertyOrder({"eventId", "steps", "targets", "failedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTrace(String eventId, List<Step> steps, Map<String, List<ObjectNode>> targets, String failedAt) {

    /** One node's part: exactly one of outputs, dropped (with reason) or error is set. */
    @JsonPropertyOrder({"node", "outputs", "dropped", "reason", "error"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String node, List<ObjectNode> outputs, Boolean dropped, String reason, String error) {

        static Step passed(String node, List<ObjectNode> outputs) {
            return new Step(node, outputs, null, null, null);
        }

        static Step dropped(String node, String reason) {
            return new Step(node, null, true, reason, null);
        }

        static Step failed(String node, String error) {
            return new Step(node, null, null, null, error);
        }
    }
}
