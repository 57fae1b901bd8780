package dev.sluice.flowstore;

/**
 * How a flow is deployed, beside its version.
 *
 * @param ordered      one active consumer across all engine instances, keeping the source's order
 * @param pausedReason why the flow is paused (by a steward or by the engine); null when it is not
 */
public record DeploymentOptions(boolean ordered, String pausedReason) {
}
