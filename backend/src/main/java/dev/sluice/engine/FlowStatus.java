package dev.sluice.engine;

import java.util.Map;

/**
 * A flow's state on this instance and its counters since this instance started it.
 *
 * @param state       {@code running} or {@code failing} (could not start; {@code problem} says why)
 * @param retrying    events waiting for a retry now: in the flow's retry queues (every instance's) and, for an
 *                    ordered flow, held by this instance for its next try
 * @param lastFailure the last event that failed here, retried or dead-lettered; null while none has
 * @param p50Ms       median latency from receipt to every target confirming
 * @param lagMs       how far behind the flow is: 0 while nothing waits; else how long ago the newest event taken
 *                    here was published, a bound on the age of the oldest event still waiting (-1: not known)
 * @param nodes       per node id, its counts on this instance; empty while the flow has not started here
 * @param arrivalP50Ms median time from ingest publishing an event to this flow taking it (a region link included)
 * @param arrivalP99Ms its 99th percentile
 */
public record FlowStatus(long flowId, Integer version, String state, String problem, long in, long out,
                         long filtered, long failed, long retried, long deadLettered, long retrying,
                         LastFailure lastFailure, double p50Ms, double p99Ms, long lagMs,
                         Map<String, NodeCounts> nodes, double arrivalP50Ms, double arrivalP99Ms) {

    public FlowStatus {
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
    }

    /**
     * One node's counts since this instance started the flow, each event once: a retry is not counted again.
     *
     * @param in            events that reached the node
     * @param out           events it passed on; for a target, the outputs it delivered (on whichever try)
     * @param failed        events its step failed on; for a target, also those whose first delivery failed
     * @param lastFailureAt when it last failed, ISO-8601; null while it has not
     */
    public record NodeCounts(long in, long out, long failed, String lastFailureAt) {
    }

    /**
     * @param node         the node or target it failed at
     * @param error        why, as the dead letter would say it
     * @param at           when, ISO-8601
     * @param deadLettered whether the event was dead-lettered (else it waits for a retry)
     */
    public record LastFailure(String node, String error, String at, boolean deadLettered) {
    }

    /** @param waiting events in the flow's queues and retries now, -1 when not known */
    static FlowStatus of(FlowRunner runner, long retrying, long waiting, long now) {
        FlowMetrics m = runner.metrics();
        return new FlowStatus(runner.deployed().flowId(), runner.deployed().version(), "running", null,
                (long) m.in.count(), (long) m.out.count(), (long) m.filtered.count(), (long) m.failed.count(),
                (long) m.retried.count(), (long) m.deadLettered.count(), retrying,
                m.lastFailure(), m.latencyPercentile(0.5), m.latencyPercentile(0.99),
                lag(waiting, m.lastPublishedAt.get(), now), m.nodeCounts(runner.targetIds()),
                m.arrivalPercentile(0.5), m.arrivalPercentile(0.99));
    }

    /**
     * The next event waiting was published after the newest one taken, so it is at most this old; nothing waiting
     * is no lag at all.
     */
    static long lag(long waiting, long lastPublishedAt, long now) {
        if (waiting == 0) {
            return 0;
        }
        return waiting < 0 || lastPublishedAt == 0 ? -1 : Math.max(0, now - lastPublishedAt);
    }

    static FlowStatus failing(long flowId, String problem) {
        return new FlowStatus(flowId, null, "failing", problem, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, -1, Map.of(), 0,
                0);
    }
}
