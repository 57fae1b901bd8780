package dev.sluice.flowstore;

/** A flow stopped running everywhere; {@code queueDeleted} says whether its waiting events were dropped. */
public record FlowUndeployed(long flowId, String workspace, String name, boolean queueDeleted, String by) {
}
