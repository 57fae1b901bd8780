package dev.sluice.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.pipeline.StepFailure;

/**
 * A flow's counters and latencies on this instance, as {@code sluice_flow_events_total{flow,outcome}},
 * {@code sluice_flow_latency_seconds{flow}}, {@code sluice_flow_arrival_seconds{flow}},
 * {@code sluice_node_duration_seconds{flow,node,kind}} (and {@code sluice_node_cpu_seconds{flow,node,kind}} when
 * asked for) and
 * {@code sluice_node_events_total{flow,node,kind,outcome}} in Prometheus. Thread-safe.
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
    /** Events of an ordered flow held unacked by this instance until their next try. */
    final AtomicLong heldInPlace = new AtomicLong();
    /** When the last event taken on its first try was published (its AMQP timestamp), epoch ms; 0 while none. */
    final AtomicLong lastPublishedAt = new AtomicLong();
    private volatile FlowStatus.LastFailure lastFailure;
    private final Timer latency;
    private final Timer arrival;
    private final MeterRegistry registry;
    private final String flow;
    private final String id;
    /** Whether nodes are also timed on the thread's CPU clock. */
    private final boolean cpuTime;
    private final Map<String, NodeCounter> nodes = new ConcurrentHashMap<>();
    /** Set on the consumer thread while the pipeline runs an event again for a retry: nodes count each event once. */
    private final ThreadLocal<Boolean> rerun = ThreadLocal.withInitial(() -> false);

    FlowMetrics(MeterRegistry registry, DeployedFlow deployed, boolean cpuTime) {
        this.registry = registry;
        this.cpuTime = cpuTime;
        this.flow = deployed.flow().workspace() + "/" + deployed.flow().name();
        this.id = Long.toString(deployed.flowId());
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
        arrival = Timer.builder("sluice.flow.arrival")
                .description("From ingest publishing an event to this flow taking it, a region link included")
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

    /**
     * The node's step, timed as {@code sluice.node.duration} (each run of the step, failed ones too) and counted as
     * {@code sluice.node.events}: events in, events it passed on, runs that failed, each event once (not again on a
     * retry, see {@link #run}), and, when asked for, timed on the thread's CPU clock as {@code sluice.node.cpu}.
     * Timers and counters are made here, once per node, so running a step costs two clock reads (four with CPU time)
     * and a few additions.
     */
    NodeStep timed(String node, String kind, NodeStep step) {
        Timer timer = Timer.builder("sluice.node.duration")
                .description("One node's step for one event, in the engine's pipeline")
                .tags("flow", flow, "flowId", id, "node", node, "kind", kind)
                .register(registry);
        Timer cpu = !cpuTime ? null : Timer.builder("sluice.node.cpu")
                .description("CPU time of one node's step for one event, without waiting for a core")
                .tags("flow", flow, "flowId", id, "node", node, "kind", kind)
                .register(registry);
        return new MeasuredStep(step, timer, cpu, nodes.computeIfAbsent(node, n -> new NodeCounter(n, kind)));
    }

    /** Runs {@code pipeline} on an event's first try or, {@code rerun}, on a retry, which nodes do not count. */
    Map<String, List<ObjectNode>> run(Pipeline pipeline, ObjectNode event, boolean rerun) throws PipelineFailure {
        this.rerun.set(rerun);
        try {
            return pipeline.run(event);
        } finally {
            this.rerun.set(false);
        }
    }

    /**
     * A target's answer to one output handed to it: delivered (counted on any try, as an output is delivered once),
     * or failed (counted on the first try only; a retry that fails again updates only when it last failed).
     */
    void delivered(String target, boolean delivered, boolean retry) {
        NodeCounter counter = nodes.get(target);
        if (counter == null) {
            return;
        }
        if (delivered) {
            counter.delivered.increment();
            return;
        }
        if (!retry) {
            counter.deliveryFailed.increment();
        }
        counter.lastFailure = Instant.now();
    }

    /**
     * Each node's counts since this instance started the flow, each event once however often it is retried: a
     * target's out are the outputs it delivered, its failed the runs of its step and the first deliveries that failed.
     */
    Map<String, FlowStatus.NodeCounts> nodeCounts(Collection<String> targets) {
        Map<String, FlowStatus.NodeCounts> counts = new LinkedHashMap<>();
        nodes.values().forEach(node -> counts.put(node.node, node.counts(targets.contains(node.node))));
        return counts;
    }

    void failedAt(String node, String error, boolean deadLettered) {
        // a target's error comes as its dead-letter header has it, "target: why"; the node is given apart
        String why = error != null && error.startsWith(node + ": ") ? error.substring(node.length() + 2) : error;
        lastFailure = new FlowStatus.LastFailure(node, why, Instant.now().toString(), deadLettered);
    }

    FlowStatus.LastFailure lastFailure() {
        return lastFailure;
    }

    void processed(long startedNanos) {
        latency.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** An event taken on its first try, published by ingest at {@code publishedAt} (epoch ms). */
    void arrived(long publishedAt) {
        arrival.record(Math.max(0, System.currentTimeMillis() - publishedAt), TimeUnit.MILLISECONDS);
    }

    double latencyPercentile(double percentile) {
        return percentile(latency, percentile);
    }

    double arrivalPercentile(double percentile) {
        return percentile(arrival, percentile);
    }

    private static double percentile(Timer timer, double percentile) {
        for (var value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }

    /** One node's counters; {@code delivered} and {@code deliveryFailed} only move for a target. */
    private final class NodeCounter {

        final String node;
        final Counter in;
        final Counter passed;
        final Counter failed;
        final Counter delivered;
        final Counter deliveryFailed;
        volatile Instant lastFailure;

        NodeCounter(String node, String kind) {
            this.node = node;
            in = nodeCounter(node, kind, "in");
            passed = nodeCounter(node, kind, "out");
            failed = nodeCounter(node, kind, "failed");
            delivered = nodeCounter(node, kind, "delivered");
            deliveryFailed = nodeCounter(node, kind, "delivery_failed");
        }

        private Counter nodeCounter(String node, String kind, String outcome) {
            return Counter.builder("sluice.node.events")
                    .description("Events into one node's step, passed on by it, failed in it; a target's deliveries")
                    .tags("flow", flow, "flowId", id, "node", node, "kind", kind, "outcome", outcome)
                    .register(registry);
        }

        boolean counting() {
            return !rerun.get();
        }

        FlowStatus.NodeCounts counts(boolean target) {
            Instant failedAt = lastFailure;
            return new FlowStatus.NodeCounts((long) in.count(),
                    (long) (target ? delivered.count() : passed.count()),
                    (long) (failed.count() + deliveryFailed.count()), failedAt == null ? null : failedAt.toString());
        }
    }

    /** @param cpu null unless nodes are timed on the CPU clock too */
    private record MeasuredStep(NodeStep step, Timer timer, Timer cpu, NodeCounter counter) implements NodeStep {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        @Override
        public List<ObjectNode> apply(ObjectNode event) throws StepFailure {
            long started = System.nanoTime();
            boolean counting = counter.counting();
            if (counting) {
                counter.in.increment();
            }
            boolean ok = false;
            try {
                List<ObjectNode> outputs = cpu == null ? step.apply(event) : onCpuClock(event);
                if (counting) {
                    counter.passed.increment(outputs.size());
                }
                ok = true;
                return outputs;
            } finally {
                timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                if (!ok) {
                    if (counting) {
                        counter.failed.increment();
                    }
                    counter.lastFailure = Instant.now();
                }
            }
        }

        /** The step alone between the CPU clock's two reads (the wall time holds them). */
        private List<ObjectNode> onCpuClock(ObjectNode event) throws StepFailure {
            long started = THREADS.getCurrentThreadCpuTime();
            try {
                return step.apply(event);
            } finally {
                cpu.record(THREADS.getCurrentThreadCpuTime() - started, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public String dropReason() {
            return step.dropReason();
        }
    }
}
