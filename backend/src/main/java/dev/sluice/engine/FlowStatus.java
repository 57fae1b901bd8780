package dev.sluice.engine;

/**
 * A flow's state on this instance and its counters since this instance started it.
 *
 * @param state   {@code running} or {@code failing} (could not start; {@code problem} says why)
 * @param p50Ms   median latency from receipt to every target confirming
 */
public record FlowStatus(long flowId, Integer version, String state, String problem, long in, long out,
                         long filtered, long failed, long retried, long deadLettered, double p50Ms, double p99Ms) {

    static FlowStatus of(FlowRunner runner) {
        FlowMetrics m = runner.metrics();
        return new FlowStatus(runner.deployed().flowId(), runner.deployed().version(), "running", null,
                (long) m.in.count(), (long) m.out.count(), (long) m.filtered.count(), (long) m.failed.count(),
                (long) m.retried.count(), (long) m.deadLettered.count(), m.latencyPercentile(0.5),
                m.latencyPercentile(0.99));
    }

    static FlowStatus failing(long flowId, String problem) {
        return new FlowStatus(flowId, null, "failing", problem, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
