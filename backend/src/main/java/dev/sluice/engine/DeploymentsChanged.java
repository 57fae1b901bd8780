package dev.sluice.engine;

/**
 * Published (after commit) when a flow was deployed, redeployed, paused or undeployed, so the engine on
 * this instance follows at once instead of at its next poll.
 *
 * @param flowId      the flow
 * @param deleteQueue on undeploy: also delete the flow's queues and the events waiting in them
 */
public record DeploymentsChanged(long flowId, boolean deleteQueue) {
}
