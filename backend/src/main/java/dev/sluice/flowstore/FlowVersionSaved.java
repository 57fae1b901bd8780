package dev.sluice.flowstore;

import java.time.Instant;

/** Published in the saving transaction after a version was stored; version 1 is an import. */
public record FlowVersionSaved(long flowId, String workspace, String flowName, int version, String author,
                               String comment, Instant at) {
}
