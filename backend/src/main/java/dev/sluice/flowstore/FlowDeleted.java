package dev.sluice.flowstore;

import java.time.Instant;

/** Published in the deleting transaction after a flow and all its versions were removed. */
public record FlowDeleted(long flowId, String workspace, String flowName, String by, Instant at) {
}
