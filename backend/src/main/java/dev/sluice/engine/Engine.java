package dev.sluice.engine;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.FlowNode;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.target.Delivery;
import dev.sluice.target.TargetContext;
import dev.sluice.target.TargetKind;
import dev.sluice.target.WorkspaceReach;
import dev.sluice.tracing.EventTracing;

/**
 * The flows running on this instance, kept in line with what is deployed: {@link #reconcile} starts
 * flows that should run, stops those that should not, and switches a flow whose version changed (the old
 * version drains its in-flight events before the new one consumes, so no event is processed by both).
 * Instances share each flow queue as competing consumers. Thread-safe.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final BrokerConnection broker;
    private final NodeRegistry registry;
    private final EngineProperties properties;
    private final MeterRegistry meters;
    private final WorkspaceSecrets secrets;
    private final Topology topology;
    private final WorkspaceReach reach;
    private final EventTracing tracing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("sluice-engine-", 0).daemon().factory());
    /** Runs an event of a flow ordered by key that waited behind an earlier one of its key. */
    private final java.util.concurrent.ExecutorService lanes = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("sluice-lane-", 0).daemon().factory());
    private final Map<Long, FlowRunner> running = new ConcurrentHashMap<>();
    private final Map<String, LatestKeeper> keepers = new ConcurrentHashMap<>();
    private volatile KeptEvents kept;
    private volatile DeploymentSource ledger;
    private final Map<Long, String> failures = new ConcurrentHashMap<>();

    private final FlowPausing pausing;
    private final PrivacyWatch privacy;
    private final Map<Long, AtomicLong> queueDepths = new ConcurrentHashMap<>();
    private final Map<Long, FlowHistory> histories = new ConcurrentHashMap<>();

    /**
     * @param pausing pauses a flow whose script keeps running out of budget (in the database, for every instance)
     * @param privacy scans a sample of what each flow sends for personal data the leak guard did not expect
     * @param reach   each workspace's connections, the rules they must pass, and the sources it owns
     */
    public Engine(BrokerConnection broker, NodeRegistry registry, EngineProperties properties, MeterRegistry meters,
                  WorkspaceSecrets secrets, FlowPausing pausing, PrivacyWatch privacy, WorkspaceReach reach) {
        this(broker, registry, properties, meters, secrets, pausing, privacy, reach, EventTracing.OFF);
    }

    /** @param tracing spans of every event a flow takes, of each node it passes and each output sent */
    public Engine(BrokerConnection broker, NodeRegistry registry, EngineProperties properties, MeterRegistry meters,
                  WorkspaceSecrets secrets, FlowPausing pausing, PrivacyWatch privacy, WorkspaceReach reach,
                  EventTracing tracing) {
        this.tracing = tracing;
        this.reach = reach;
        this.pausing = pausing;
        this.privacy = privacy;
        this.broker = broker;
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
        this.secrets = secrets;
        this.topology = properties.topology();
        scheduler.scheduleWithFixedDelay(this::sampleQueueDepths, 1, 5, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::restartBroken, 1, 1, TimeUnit.SECONDS);
    }

    /** After the broker connection recovered, starts afresh every flow that ran on it, once the broker is back. */
    private synchronized void restartBroken() {
        try {
            if (!broker.isOpen()) {
                return;
            }
            keepers.entrySet().removeIf(entry -> {
                if (entry.getValue().broken()) {
                    entry.getValue().close();
                    return true;
                }
                return false;
            });
            for (FlowRunner runner : List.copyOf(running.values())) {
                if (runner.broken()) {
                    DeployedFlow flow = runner.deployed();
                    log.info("Flow {}/{} v{} restarts after the broker connection recovered", flow.flow().workspace(),
                            flow.flow().name(), flow.version());
                    runner.close();
                    // replaces the entry once it starts; until then the closed runner stays listed, still broken,
                    // so a start refused by a broker (or a cluster node) not quite back is tried again next second
                    start(flow);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not restart flows after the broker came back: {}", e.getMessage());
        }
    }

    /**
     * Feeds the {@code sluice.flow.queue.depth} gauges and each flow's {@link FlowHistory}; a broker call per
     * running flow every few seconds.
     */
    private void sampleQueueDepths() {
        try {
            long now = System.currentTimeMillis();
            for (var entry : running.entrySet()) {
                long flowId = entry.getKey();
                long depth = queueDepth(flowId);
                AtomicLong gauge = queueDepths.get(flowId);
                if (depth >= 0 && gauge != null) {
                    gauge.set(depth);
                }
                FlowStatus counted = statusOf(entry.getValue(), depth, now);
                histories.computeIfAbsent(flowId, id -> new FlowHistory()).record(now, counted.in(), counted.out(),
                        counted.failed(), counted.p50Ms(), depth < 0 ? depth : depth + counted.retrying(),
                        counted.lagMs(), counted.arrivalP50Ms());
            }
        } catch (RuntimeException e) {
            log.debug("Could not sample queue depths", e);
        }
    }

    /**
     * Keeps the latest event of every key of each of {@code sources} in {@code store} ({@link LatestKeeper}); stops
     * keeping those no longer listed.
     */
    public synchronized void keepLatest(KeptEvents store, Collection<String> sources) {
        this.kept = store;
        for (String source : List.copyOf(keepers.keySet())) {
            if (!sources.contains(source)) {
                keepers.remove(source).close();
            }
        }
        for (String source : sources) {
            if (keepers.containsKey(source)) {
                continue;
            }
            LatestKeeper keeper = new LatestKeeper(source, topology, properties.keepHistory(), broker, store,
                    scheduler);
            try {
                keeper.start();
                keepers.put(source, keeper);
            } catch (IOException | RuntimeException e) {
                keeper.close();
                log.warn("Cannot keep the latest events of source {}: {}", source, e.getMessage());
            }
        }
    }

    /** Where flows deployed from a snapshot claim its publishing and say it went through. */
    public void bootstrapLedger(DeploymentSource ledger) {
        this.ledger = ledger;
    }

    /** Brings this instance in line with {@code deployed}. */
    public synchronized void reconcile(Collection<DeployedFlow> deployed) {
        Map<Long, DeployedFlow> wanted = new HashMap<>();
        deployed.forEach(flow -> wanted.put(flow.flowId(), flow));
        for (Long flowId : List.copyOf(running.keySet())) {
            DeployedFlow now = wanted.get(flowId);
            FlowRunner runner = running.get(flowId);
            if (now == null || !now.runsLike(runner.deployed())
                    || now.bootstrap() != null && !now.bootstrap().equals(runner.deployed().bootstrap())) {
                running.remove(flowId).close();
            } else if (now.bootstrap() == null && runner.deployed().bootstrap() != null) {
                runner.bootstrapped();
            }
        }
        for (DeployedFlow flow : wanted.values()) {
            if (!running.containsKey(flow.flowId())) {
                start(flow);
            }
        }
        failures.keySet().retainAll(wanted.keySet());
    }

    private void start(DeployedFlow flow) {
        CompileContext context = new CompileContext(flow.flow().workspace(), flow.flow().name(),
                secrets.of(flow.flow().workspace()));
        Map<String, Delivery> deliveries = new HashMap<>();
        try {
            FlowMetrics metrics = new FlowMetrics(meters, flow, properties.nodeCpuTime());
            Pipeline pipeline = Pipeline.compile(flow.flow(), registry, context,
                    (node, kind, step) -> TracedStep.of(tracing, node, kind, metrics.timed(node, kind, step)));
            TargetContext targets = new TargetContext(broker, http, context.secrets(), flow.flow().workspace(), reach);
            for (FlowNode node : flow.flow().nodes()) {
                Optional<NodeKind<?>> kind = registry.kind(node.kind());
                if (kind.isPresent() && kind.get() instanceof TargetKind<?> target) {
                    deliveries.put(node.id(), open(target, node.config(), targets));
                }
            }
            queueDepths.computeIfAbsent(flow.flowId(), id -> {
                AtomicLong depth = new AtomicLong();
                Gauge.builder("sluice.flow.queue.depth", depth, AtomicLong::get)
                        .description("Events waiting in the flow's queue (sampled every 5 s)")
                        .tags("flow", flow.flow().workspace() + "/" + flow.flow().name(), "flowId", id.toString())
                        .register(meters);
                return depth;
            });
            FlowRunner runner = new FlowRunner(flow, pipeline, deliveries, broker, properties,
                    metrics, scheduler, lanes, pausing, new RuntimePiiCheck(flow, privacy, scheduler), tracing);
            runner.bootstrapFrom(kept, ledger);
            runner.start();
            running.put(flow.flowId(), runner);
            failures.remove(flow.flowId());
        } catch (Exception e) {
            deliveries.values().forEach(Delivery::close);
            failures.put(flow.flowId(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.error("Flow {}/{} v{} cannot start: {}", flow.flow().workspace(), flow.flow().name(), flow.version(),
                    e.getMessage());
        }
    }

    private static <C> Delivery open(TargetKind<C> kind, JsonNode config, TargetContext context) {
        return kind.open(NodeRegistry.bind(kind, config), context);
    }

    /** Deletes a flow's queues and what waits in them; the flow must no longer run here. */
    public void deleteQueues(long flowId) {
        if (running.containsKey(flowId)) {
            throw new IllegalStateException("flow " + flowId + " still runs on this instance");
        }
        try {
            topology.delete(broker, flowId, properties.retryDelays().size());
        } catch (Exception e) {
            log.warn("Could not delete the queues of flow {}: {}", flowId, e.getMessage());
        }
    }

    /**
     * Events waiting in the flow's queue (or, ordered by key, its partitions), or -1 when there is none: the queues
     * the flow runs on here, else those that exist.
     */
    public long queueDepth(long flowId) {
        FlowRunner runner = running.get(flowId);
        if (runner != null) {
            return depth(runner.queues());
        }
        long depth = depth(List.of(topology.flowQueue(flowId)));
        for (int index = 0; index < KeyOrder.MAX_PARTITIONS; index++) {
            long partition = depth(List.of(topology.partitionQueue(flowId, index)));
            if (partition < 0) {
                break;
            }
            depth = Math.max(depth, 0) + partition;
        }
        return depth;
    }

    /** The events waiting in these queues together, or -1 when none of them exists. */
    private long depth(List<String> queues) {
        long depth = -1;
        for (String queue : queues) {
            try (var channel = broker.openChannel()) {
                depth = Math.max(depth, 0) + channel.queueDeclarePassive(queue).getMessageCount();
            } catch (Exception e) {
                log.trace("No queue {}", queue, e);
            }
        }
        return depth;
    }

    /**
     * Events waiting for a retry: in the flow's retry queues, and held by this instance. The embedded broker counts
     * a queue's events handed out and not yet acked; RabbitMQ counts only those ready, so there this instance's
     * held events are added (another instance's are not seen).
     */
    private long retrying(FlowRunner runner) {
        long queued = retryQueued(runner.deployed().flowId());
        return broker.isEmbedded() ? queued + runner.metrics().heldInPlace.get() : queued + runner.heldForRetry();
    }

    /** Events in the flow's retry queues, as the broker counts them; 0 when it cannot say. */
    private long retryQueued(long flowId) {
        long queued = 0;
        try (var channel = broker.openChannel()) {
            for (int level = 0; level < properties.retryDelays().size(); level++) {
                queued += channel.queueDeclarePassive(topology.retryQueue(flowId, level)).getMessageCount();
            }
        } catch (Exception e) {
            log.debug("Could not count the retry queues of flow {}", flowId, e);
        }
        return queued;
    }

    /** The dead letters of this engine's flows. */
    public DeadLetters deadLetters() {
        return new DeadLetters(broker, topology);
    }

    /** Runs on this instance, with counters; empty when not running here. */
    public Optional<FlowStatus> status(long flowId) {
        FlowRunner runner = running.get(flowId);
        if (runner == null) {
            return Optional.ofNullable(failures.get(flowId)).map(reason -> FlowStatus.failing(flowId, reason));
        }
        return Optional.of(statusOf(runner, queueDepth(flowId), System.currentTimeMillis()));
    }

    /** The runner's status, given its queues' depth (-1 when not known): waiting counts the retries too. */
    private FlowStatus statusOf(FlowRunner runner, long depth, long now) {
        long retrying = retrying(runner);
        return FlowStatus.of(runner, retrying, depth < 0 ? -1 : depth + retrying, now);
    }

    /** The flow's last hour on this instance, oldest first; empty when it has not run here. */
    public List<FlowHistory.Sample> history(long flowId) {
        FlowHistory history = histories.get(flowId);
        return history == null ? List.of() : history.samples();
    }

    public boolean isRunning(long flowId) {
        return running.containsKey(flowId);
    }

    /** Flows that should run here but could not start, with why. */
    public Map<Long, String> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public synchronized void close() {
        running.values().forEach(FlowRunner::close);
        running.clear();
        keepers.values().forEach(LatestKeeper::close);
        keepers.clear();
        scheduler.shutdownNow();
        lanes.shutdownNow();
        http.close();
    }
}
