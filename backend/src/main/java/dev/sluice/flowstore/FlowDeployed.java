package dev.sluice.flowstore;

import dev.sluice.engine.KeyOrder;

/** A flow version was deployed (after its tests passed), ordered as a whole, by key ({@code keyOrder}), or not. */
public record FlowDeployed(long flowId, String workspace, String name, int version, boolean ordered,
                           KeyOrder keyOrder, boolean fromSnapshot, String by) {
}
