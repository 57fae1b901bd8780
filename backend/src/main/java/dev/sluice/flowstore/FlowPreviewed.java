package dev.sluice.flowstore;

/**
 * Someone ran a flow on sample events and saw what came out (a dry-run): a view of payloads, so it is audited.
 * {@code flowName} and {@code workspace} are as the document says; the flow need not be stored.
 */
public record FlowPreviewed(String workspace, String flowName, int events, String by) {
}
