package dev.sluice.flowstore;

import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.StartFrom;

/**
 * A flow version was deployed (after its tests passed), ordered as a whole, by key ({@code keyOrder}), or not,
 * starting {@code from} now, its source's snapshot or a point in time.
 */
public record FlowDeployed(long flowId, String workspace, String name, int version, boolean ordered,
                           KeyOrder keyOrder, StartFrom from, String by) {
}
