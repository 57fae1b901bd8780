package dev.sluice.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.PartitionKey;
import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.cloudevent.CloudEventReading;
import dev.sluice.engine.FlowConsumers.Received;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.tracing.EventSpan;
import dev.sluice.tracing.EventTracing;

/**
 * Runs one deployed flow version on this instance: consumers on the flow queue and its retry queues
 * ({@link FlowConsumers}), the compiled pipeline per event, delivery to every target ({@link TargetDispatch}),
 * and the ack only once every target confirmed. A failed event is retried and at last dead-lettered by
 * {@link FailureRoutes}.
 */
final class FlowRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

    private final DeployedFlow deployed;
    private final Pipeline pipeline;
    private final BrokerConnection broker;
    private final EngineProperties properties;
    private final FlowMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final FlowPausing pausing;
    private final String sourceNode;
    private final FlowConsumers consumers;
    private final TargetDispatch dispatch;
    private final FailureRoutes failures;
    private final EventTracing tracing;
    /** {@code workspace/name}, as the flow's spans name it. */
    private final String flowLabel;
    private final AtomicInteger budgetFailures = new AtomicInteger();
    private final AtomicBoolean pauseRequested = new AtomicBoolean();
    private final KeyLanes lanes;
    /** The next try of events an ordered flow handed back to their queue for a retry, by {@link Received#identity}. */
    private final Map<String, Attempt> returning = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Attempt> eldest) {
                    return size() > 10_000;
                }
            });
    private volatile Topology.Declared declared;
    private volatile KeptEvents kept;
    private volatile DeploymentSource ledger;
    private boolean live;
    private volatile boolean closed;

    /** @param laneExecutor runs the events of a flow ordered by key that waited behind an earlier one of their key */
    FlowRunner(DeployedFlow deployed, Pipeline pipeline, Map<String, dev.sluice.target.Delivery> targets,
               BrokerConnection broker, EngineProperties properties, FlowMetrics metrics,
               ScheduledExecutorService scheduler, Executor laneExecutor, FlowPausing pausing,
               RuntimePiiCheck piiCheck, EventTracing tracing) {
        this.deployed = deployed;
        this.tracing = tracing;
        this.flowLabel = deployed.flow().workspace() + "/" + deployed.flow().name();
        this.pipeline = pipeline;
        this.broker = broker;
        this.properties = properties;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.pausing = pausing;
        this.sourceNode = deployed.flow().sourceNode().orElseThrow().id();
        this.consumers = new FlowConsumers(broker, scheduler, deployed.flow().name());
        this.dispatch = new TargetDispatch(deployed.flowId(), targets, piiCheck, metrics, tracing);
        this.failures = new FailureRoutes(deployed, properties, metrics, broker, scheduler, consumers, this::handBack);
        if (deployed.keyOrder() != null) {
            EventPath key = EventPath.compile(deployed.keyOrder().key());
            this.lanes = new KeyLanes(received -> keyOf(received, key), this::handle, laneExecutor);
            consumers.onSettled(lanes::settled);
        } else {
            this.lanes = null;
        }
    }

    /**
     * The event's key: the header ingest wrote, or for an event published without it (by AMQP), read from the
     * event itself; "" when it has none, so such events keep their order among themselves.
     */
    private static String keyOf(Received received, EventPath key) {
        String header = PartitionKey.of(received.headers());
        if (header != null) {
            return header;
        }
        CloudEventReading reading = AmqpCloudEvents.read(received.delivery().getProperties(),
                received.delivery().getBody());
        if (!reading.isValid()) {
            return "";
        }
        String value = PartitionKey.text(key.read(reading.events().get(0)));
        return value == null ? "" : value;
    }

    /** The queues this runner takes events from: its queue or partitions, and the leftovers of an earlier layout. */
    List<String> queues() {
        Topology.Declared now = declared;
        if (now == null) {
            return List.of(properties.topology().flowQueue(deployed.flowId()));
        }
        List<String> queues = new ArrayList<>(now.queues());
        queues.addAll(now.leftovers());
        if (deployed.bootstrap() != null) {
            queues.add(properties.topology().bootstrapQueue(deployed.flowId()));
        }
        return queues;
    }

    DeployedFlow deployed() {
        return deployed;
    }

    /**
     * Events waiting for a retry that this instance holds: taken from a retry queue until they are due, and, for
     * an ordered flow, kept unacked for their next try in place.
     */
    long heldForRetry() {
        return consumers.awaitingDue() + metrics.heldInPlace.get();
    }

    FlowMetrics metrics() {
        return metrics;
    }

    List<String> targetIds() {
        return pipeline.targetIds();
    }

    /** True once the broker connection dropped under this runner: it must be closed and started again. */
    boolean broken() {
        return consumers.broken();
    }

    /**
     * Declares the topology and starts consuming. An ordered flow has one consumer with a prefetch of one, so
     * each event is confirmed by every target before the next is handed out; across instances only one such
     * consumer is active (RabbitMQ's single active consumer, or on the embedded broker a sole consumer that the
     * other instances keep trying to take over). A flow ordered by key has such a consumer per partition, with the
     * full prefetch, and {@link KeyLanes} keep each key's events in order among them.
     */
    void start() throws IOException {
        Topology topology = properties.topology();
        Topology.Declared layout = topology.declare(broker, deployed, properties.retryDelays().size());
        declared = layout;
        if (deployed.bootstrap() != null && kept != null && ledger != null) {
            startBootstrap();
        } else {
            startLive();
        }
        for (int level = 0; level < properties.retryDelays().size(); level++) {
            consumers.consume(topology.retryQueue(deployed.flowId(), level), true, properties.prefetch(),
                    this::handle);
        }
        deployed.fields(log.atInfo()).log("Flow {}/{} v{} runs ({}{}{})", deployed.flow().workspace(),
                deployed.flow().name(), deployed.version(), String.join(", ", layout.queues()),
                deployed.ordered() ? ", ordered"
                        : lanes != null ? ", ordered by " + deployed.keyOrder().key()
                        : ", " + properties.consumers() + " consumer(s)",
                live ? "" : ", the snapshot of its source first");
    }

    /** Where a flow deployed from a snapshot finds it, and says it went through. */
    void bootstrapFrom(KeptEvents kept, DeploymentSource ledger) {
        this.kept = kept;
        this.ledger = ledger;
    }

    /** The flow's snapshot went through (here or on another instance): its live events may flow. */
    void bootstrapped() {
        try {
            startLive();
        } catch (IOException e) {
            deployed.fields(log.atWarn()).log("Flow {} could not start on its live events: {}", deployed.flow().name(),
                    e.getMessage());
            consumers.markBroken();
        }
    }

    /** Consumes the flow's queue or partitions, and the leftovers of an earlier layout. */
    private synchronized void startLive() throws IOException {
        if (live || closed) {
            return;
        }
        live = true;
        Topology.Declared layout = declared;
        Consumer<Received> handler = lanes != null ? lanes::offer : this::handle;
        for (String queue : layout.queues()) {
            if (deployed.keepsOrder()) {
                int prefetch = lanes != null ? properties.prefetch() : 1;
                if (layout.singleActive()) {
                    consumers.consume(queue, false, prefetch, handler);
                } else {
                    consumers.consumeExclusively(queue, prefetch, handler);
                }
            } else {
                for (int i = 0; i < Math.max(1, properties.consumers()); i++) {
                    consumers.consume(queue, false, properties.prefetch(), handler);
                }
            }
        }
        for (String leftover : layout.leftovers()) {
            consumers.consume(leftover, false, properties.prefetch(), handler);
        }
    }

    /**
     * Deployed from a snapshot: the live queues are bound (events queue there meanwhile) but not consumed; one
     * instance (the first to claim it) puts the snapshot into the bootstrap queue ({@link BootstrapPublisher}), one
     * instance at a time consumes it, and the end marker, once every event before it is settled, says the flow may
     * go live everywhere.
     */
    private void startBootstrap() throws IOException {
        String queue = properties.topology().bootstrapQueue(deployed.flowId());
        try (com.rabbitmq.client.Channel channel = broker.openChannel()) {
            channel.queueDeclare(queue, true, false, false, broker.isEmbedded() ? null
                    : Map.of("x-queue-type", "quorum", "x-single-active-consumer", true));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
        if (broker.isEmbedded()) {
            consumers.consumeExclusively(queue, properties.prefetch(), this::fromSnapshot);
        } else {
            consumers.consume(queue, false, properties.prefetch(), this::fromSnapshot);
        }
        Bootstrap bootstrap = deployed.bootstrap();
        scheduler.execute(() -> {
            try {
                if (ledger.claimBootstrap(deployed.flowId(), bootstrap.token())) {
                    BootstrapPublisher.publish(broker, properties.topology(), deployed, kept);
                }
            } catch (Exception e) {
                deployed.fields(log.atWarn()).log("Flow {} could not queue the {} of its source: {}",
                        deployed.flow().name(), bootstrap.isSnapshot() ? "snapshot" : "history", e.getMessage());
            }
        });
    }

    private void fromSnapshot(Received received) {
        String end = BootstrapPublisher.endOf(received.headers());
        if (end == null) {
            if (lanes != null) {
                lanes.offer(received);
            } else {
                handle(received);
            }
            return;
        }
        awaitSnapshotSettled(received, end);
    }

    /** The end marker: once nothing else of this runner is in flight, the snapshot went through. */
    private void awaitSnapshotSettled(Received marker, String token) {
        if (consumers.stopping()) {
            consumers.leave(marker);
            return;
        }
        if (consumers.inFlight() > 1) {
            scheduler.schedule(() -> awaitSnapshotSettled(marker, token), 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        consumers.ack(marker);
        if (token.equals(deployed.bootstrap().token())) {
            deployed.fields(log.atInfo()).log("Flow {}/{}: the snapshot of its source went through; live events "
                    + "flow now", deployed.flow().workspace(), deployed.flow().name());
            try {
                ledger.bootstrapped(deployed.flowId(), token);
            } catch (RuntimeException e) {
                deployed.fields(log.atWarn()).log("Flow {} could not record its snapshot as through: {}",
                        deployed.flow().name(), e.getMessage());
            }
            bootstrapped();
        }
    }

    private void handle(Received received) {
        Attempt attempt;
        boolean firstTry;
        if (deployed.keepsOrder()) {
            Attempt remembered = returning.remove(received.identity());
            Attempt counted = Attempt.inPlace(received.headers());
            attempt = remembered == null ? counted : new Attempt(Math.max(remembered.number(), counted.number()),
                    remembered.owed(), remembered.firstError());
            firstTry = remembered == null && counted.number() == 1;
        } else {
            attempt = Attempt.of(received.headers());
            firstTry = attempt.number() == 1;
        }
        if (firstTry && !consumers.stopping()) {
            metrics.in.increment();
            Object publishedMs = received.headers() == null ? null
                    : received.headers().get(dev.sluice.source.EventIngest.PUBLISHED_AT_HEADER);
            java.util.Date published = received.delivery().getProperties().getTimestamp();
            if (publishedMs instanceof Number at) {
                metrics.arrived(at.longValue());
                metrics.lastPublishedAt.accumulateAndGet(at.longValue(), Math::max);
            } else if (published != null) {
                metrics.lastPublishedAt.accumulateAndGet(published.getTime(), Math::max);
            }
        }
        process(received, attempt);
    }

    /**
     * An ordered flow's next try, once the retry delay is over: the event is handed back to its queue, whose head
     * it goes back to, and comes straight back. The broker counts how often it handed it out, so the count of tries
     * survives an engine restart; what this instance knows besides (targets still owed, first error) waits here.
     * Meanwhile nothing after it is handed out (prefetch of one), or, ordered by key, its key's lane waits for it.
     */
    private void handBack(Received received, Attempt next) {
        if (consumers.stopping()) {
            consumers.leave(received);
            return;
        }
        returning.put(received.identity(), next);
        if (lanes != null) {
            lanes.awaitReturn(received);
        }
        consumers.nack(received);
    }

    /** Runs the pipeline and delivers; {@code attempt} says which try this is and which targets are still owed. */
    private void process(Received received, Attempt attempt) {
        if (consumers.stopping()) {
            // delivered before the cancel took effect, or waiting to be retried in place
            consumers.leave(received);
            return;
        }
        long started = System.nanoTime();
        CloudEventReading reading = AmqpCloudEvents.read(received.delivery().getProperties(),
                received.delivery().getBody());
        ObjectNode event = reading.isValid() ? reading.events().get(0) : null;
        EventSpan span = tracing.received(event, flowLabel, deployed.flowId(), deployed.version(), attempt.number());
        if (event == null) {
            metrics.failed.increment();
            span.failed("malformed", sourceNode).end();
            failures.deadLetter(received, attempt, "malformed", sourceNode, "not a CloudEvent: "
                    + reading.describeProblems(), List.of(), span.traceId());
            return;
        }
        TargetDispatch.Sent sent;
        try (EventSpan.Scope ignored = span.inScope()) {
            Map<String, List<ObjectNode>> outputs;
            try {
                outputs = metrics.run(pipeline, event, attempt.number() > 1);
                budgetFailures.set(0);
            } catch (PipelineFailure failure) {
                metrics.failed.increment();
                countBudgetFailure(failure);
                if (failure.kind().isRetried() && failures.mayRetry(attempt)) {
                    span.failed("retried", failure.node()).end();
                    failures.retry(received, attempt, attempt.owed(), failure.node(), failure.getMessage());
                } else {
                    span.failed("node-failed", failure.node()).end();
                    failures.deadLetter(received, attempt, "node-failed", failure.node(), failure.getMessage(),
                            List.of(), span.traceId());
                }
                return;
            }
            sent = dispatch.send(event.path("id").asText(), event.path("source").asText(), outputs,
                    attempt.owed(), attempt.number() > 1, BootstrapPublisher.isSnapshot(received.headers()));
        }
        if (sent.isEmpty()) {
            metrics.filtered.increment();
            span.tag("sluice.filtered", "true").end();
            consumers.ack(received);
            return;
        }
        sent.all().whenComplete((ignored, error) -> settle(received, attempt, sent.outcome(), started, span));
    }

    private void settle(Received received, Attempt attempt, TargetDispatch.Outcome outcome, long started,
                        EventSpan span) {
        metrics.out.increment(outcome.delivered());
        if (outcome.allDelivered()) {
            span.end();
            metrics.processed(started);
            consumers.ack(received);
        } else if (outcome.permanent() || !failures.mayRetry(attempt)) {
            metrics.failed.increment();
            String reason = outcome.permanent() ? "target-refused" : "retries-exhausted";
            span.failed(reason, outcome.failedTargets().get(0)).end();
            failures.deadLetter(received, attempt, reason, outcome.failedTargets().get(0), outcome.lastError(),
                    outcome.failedTargets(), span.traceId());
        } else {
            span.failed("retried", outcome.lastFailedTarget()).end();
            failures.retry(received, attempt, outcome.failedTargets(), outcome.lastFailedTarget(),
                    outcome.lastMessage());
        }
    }

    /**
     * N {@link FailureKind#BUDGET} failures in a row: the script or template cannot keep up with its budget, so the
     * flow is paused everywhere.
     */
    private void countBudgetFailure(PipelineFailure failure) {
        if (failure.kind() != FailureKind.BUDGET) {
            budgetFailures.set(0);
            return;
        }
        int inARow = budgetFailures.incrementAndGet();
        if (inARow >= properties.budgetFailuresToPause() && pauseRequested.compareAndSet(false, true)) {
            String reason = "paused by the engine: " + inARow + " events in a row failed at node " + failure.node()
                    + ": " + failure.getMessage();
            deployed.fields(log.atWarn()).log("Flow {}/{} v{} {}", deployed.flow().workspace(), deployed.flow().name(),
                    deployed.version(), reason);
            scheduler.execute(() -> {
                try {
                    pausing.pauseFailing(deployed.flowId(), reason);
                } catch (RuntimeException e) {
                    deployed.fields(log.atWarn()).log("Could not pause flow {}: {}", deployed.flowId(), e.getMessage());
                    pauseRequested.set(false);
                }
            });
        }
    }

    /** Stops taking events, lets in-flight ones finish (up to the drain timeout), then lets go of everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumers.stop(properties.drainTimeout().toNanos());
        failures.close();
        dispatch.close();
        deployed.fields(log.atInfo()).log("Flow {}/{} v{} stopped", deployed.flow().workspace(), deployed.flow().name(),
                deployed.version());
    }
}
