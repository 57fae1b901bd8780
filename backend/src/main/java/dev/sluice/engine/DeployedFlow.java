package dev.sluice.engine;

import dev.sluice.flow.Flow;

/**
 * One flow version that must run.
 *
 * @param flowId  the stored flow's id: names its queues, which outlive versions
 * @param version the version to run
 * @param flow    that version's definition
 * @param ordered one active consumer across all instances, to keep the source's order
 */
public record DeployedFlow(long flowId, int version, Flow flow, boolean ordered) {
}
