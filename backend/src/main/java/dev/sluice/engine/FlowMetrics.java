package dev.sluice.engine;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A flow's counters and latency on this instance, as {@code sluice_flow_events_total{flow,outcome}} and
 * {@code sluice_flow_latency_seconds{flow}} in Prometheus. Thread-safe.
 */
final class FlowMetrics {

    final Counter in;
    final Counter out;
    final Counter filtered;
    final Counter failed;
    final Counter retried;
    final Counter deadLettered;
    /** Outgoing events in which the sampled scan found personal data the leak guard did not expect. */
    final Counter piiAlerts;
    private final Timer latency;

    FlowMetrics(MeterRegistry registry, DeployedFlow deployed) {
        String flow = deployed.flow().workspace() + "/" + deployed.flow().name();
        String id = Long.toString(deployed.flowId());
        in = counter(registry, flow, id, "in");
        out = counter(registry, flow, id, "out");
        filtered = counter(registry, flow, id, "filtered");
        failed = counter(registry, flow, id, "failed");
        retried = counter(registry, flow, id, "retried");
        deadLettered = counter(registry, flow, id, "dead_lettered");
        piiAlerts = Counter.builder("sluice.flow.pii.unexpected")
                .description("Sampled outgoing events holding personal data the leak guard did not expect")
                .tags("flow", flow, "flowId", id)
                .register(registry);
        latency = Timer.builder("sluice.flow.latency")
                .description("From receiving an event to every target confirming it")
                .tags("flow", flow, "flowId", id)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String flow, String id, String outcome) {
        return Counter.builder("sluice.flow.events")
                .description("Events by what happened to them")
                .tags("flow", flow, "flowId", id, "outcome", outcome)
                .register(registry);
    }

    void processed(long startedNanos) {
        latency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    double latencyPercentile(double percentile) {
        for (var value : latency.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }
}
