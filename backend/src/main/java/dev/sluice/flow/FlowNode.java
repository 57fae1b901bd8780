package dev.sluice.flow;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One node: a flow-unique id, the stable id of its kind in the node registry, and its configuration as
 * that kind's config schema describes it.
 */
@JsonPropertyOrder({"id", "kind", "config"})
public record FlowNode(String id, String kind, ObjectNode config) {

    public FlowNode {
        config = config == null ? JsonNodeFactory.instance.objectNode() : config;
    }
}
