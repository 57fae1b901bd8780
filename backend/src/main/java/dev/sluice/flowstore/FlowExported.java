package dev.sluice.flowstore;

/** A flow version's JSON was read for export. */
public record FlowExported(long flowId, String workspace, String flowName, int version, String by) {
}
