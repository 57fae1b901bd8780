package dev.sluice.engine;

import org.slf4j.spi.LoggingEventBuilder;

import dev.sluice.flow.Flow;

/**
 * One flow version that must run.
 *
 * @param flowId   the stored flow's id: names its queues, which outlive versions
 * @param version  the version to run
 * @param flow     that version's definition
 * @param ordered  one active consumer across all instances, to keep the source's order
 * @param keyOrder when not null, order is kept per key over partitions instead ({@code ordered} is then false)
 * @param bootstrap what the flow owes before its live events (deployed from its snapshot or from a point in time,
 *                  or resynced), or null when it owes nothing
 * @param region   the region whose engines run it; null: every engine
 */
public record DeployedFlow(long flowId, int version, Flow flow, boolean ordered, KeyOrder keyOrder,
                           Bootstrap bootstrap, String region) {

    public DeployedFlow {
        if (ordered && keyOrder != null) {
            throw new IllegalArgumentException("a flow is ordered as a whole or by key, not both");
        }
    }

    public DeployedFlow(long flowId, int version, Flow flow, boolean ordered, KeyOrder keyOrder,
                        Bootstrap bootstrap) {
        this(flowId, version, flow, ordered, keyOrder, bootstrap, null);
    }

    public DeployedFlow(long flowId, int version, Flow flow, boolean ordered) {
        this(flowId, version, flow, ordered, null, null);
    }

    public DeployedFlow(long flowId, int version, Flow flow, boolean ordered, KeyOrder keyOrder) {
        this(flowId, version, flow, ordered, keyOrder, null);
    }

    /** True when the engines of {@code here} run it. */
    public boolean runsIn(String here) {
        return region == null || region.equals(here);
    }

    /** True when later events of a key (or of the whole flow) must wait for an earlier one's retries. */
    boolean keepsOrder() {
        return ordered || keyOrder != null;
    }

    /**
     * {@code log} with this flow's fields, {@code workspace}, {@code flow}, {@code flowId} and {@code flowVersion}:
     * structured logs ({@code logging.structured.format.console}) carry them as fields of their own.
     */
    LoggingEventBuilder fields(LoggingEventBuilder log) {
        return log.addKeyValue("workspace", flow.workspace()).addKeyValue("flow", flow.name())
                .addKeyValue("flowId", flowId).addKeyValue("flowVersion", version);
    }

    /** True when this runs the same way as {@code other}: same version, same ordering. */
    boolean runsLike(DeployedFlow other) {
        return version == other.version && ordered == other.ordered && java.util.Objects.equals(keyOrder,
                other.keyOrder);
    }
}
