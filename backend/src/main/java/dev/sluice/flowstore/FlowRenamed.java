package dev.sluice.flowstore;

import java.time.Instant;

/** Published in the renaming transaction after a flow took its new name. */
public record FlowRenamed(long flowId, String workspace, String oldName, String newName, String by, Instant at) {
}
