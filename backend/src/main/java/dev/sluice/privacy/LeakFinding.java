package dev.sluice.privacy;

import dev.sluice.flow.FlowProblem;

/**
 * A leak with the problem people read about it, at its target node.
 *
 * @param leak    the leak, with the route it takes
 * @param problem what it means for the flow's workspace, at the target node's path
 * @param cleared what the flow's workspace may receive of the leak's tag
 */
public record LeakFinding(Leak leak, FlowProblem problem, Clearance.Level cleared) {
}
