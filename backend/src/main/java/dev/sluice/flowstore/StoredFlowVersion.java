package dev.sluice.flowstore;

/**
 * One version of a stored flow as read: the flow's current metadata, which version this is, and its
 * definition (canonical flow JSON text, exactly as export returns it).
 */
public record StoredFlowVersion(FlowSummary flow, FlowVersionInfo version, String definition) {
}
