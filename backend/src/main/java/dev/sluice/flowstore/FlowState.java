package dev.sluice.flowstore;

/** Where a stored flow stands in its life. */
public enum FlowState {
    /** Saved, not running. */
    DRAFT,
    /** One version runs in the engine. */
    DEPLOYED,
    /** Deployed but stopped by the engine or a steward; the audit log says why. */
    PAUSED
}
