package dev.sluice.flowstore;

/** A running flow was set to run again from its source's snapshot. */
public record FlowResynced(long flowId, String workspace, String name, int version, String by) {
}
