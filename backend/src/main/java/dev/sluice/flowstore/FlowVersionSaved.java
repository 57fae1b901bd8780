package dev.sluice.flowstore;

import java.time.Instant;

/**
 * Published in the saving transaction after a version was stored; version 1 is an import. {@code diff} is what
 * changed from the version before (null for an import), computed once here so listeners such as the audit log
 * need not read both versions again.
 */
public record FlowVersionSaved(long flowId, String workspace, String flowName, int version, String author,
                               String comment, Instant at, FlowDiff diff) {

    public FlowVersionSaved(long flowId, String workspace, String flowName, int version, String author,
                            String comment, Instant at) {
        this(flowId, workspace, flowName, version, author, comment, at, null);
    }
}
