package dev.sluice.flowstore;

/** A flow version was deployed (after its tests passed). */
public record FlowDeployed(long flowId, String workspace, String name, int version, String by) {
}
