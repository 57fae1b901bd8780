package dev.sluice.flowstore;

import dev.sluice.engine.KeyOrder;

/**
 * How a flow is deployed, beside its version.
 *
 * @param ordered      one active consumer across all engine instances, keeping the source's order
 * @param keyOrder     ordered per key over partitions instead; null when not
 * @param pausedReason why the flow is paused (by a steward or by the engine); null when it is not
 * @param region       the region that runs it: the one chosen at deploy, else its source's home region
 */
public record DeploymentOptions(boolean ordered, KeyOrder keyOrder, String pausedReason, String region) {
}
