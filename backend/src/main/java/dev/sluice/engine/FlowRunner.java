package dev.sluice.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.cloudevent.CloudEventReading;
import dev.sluice.engine.FlowConsumers.Received;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;

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
    private final AtomicInteger budgetFailures = new AtomicInteger();
    private final AtomicBoolean pauseRequested = new AtomicBoolean();
    private volatile boolean closed;

    FlowRunner(DeployedFlow deployed, Pipeline pipeline, Map<String, dev.sluice.target.Delivery> targets,
               BrokerConnection broker, EngineProperties properties, FlowMetrics metrics,
               ScheduledExecutorService scheduler, FlowPausing pausing, RuntimePiiCheck piiCheck) {
        this.deployed = deployed;
        this.pipeline = pipeline;
        this.broker = broker;
        this.properties = properties;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.pausing = pausing;
        this.sourceNode = deployed.flow().sourceNode().orElseThrow().id();
        this.consumers = new FlowConsumers(broker, scheduler, deployed.flow().name());
        this.dispatch = new TargetDispatch(deployed.flowId(), targets, piiCheck, metrics);
        this.failures = new FailureRoutes(deployed, properties, metrics, broker, scheduler, consumers, this::process);
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
     * other instances keep trying to take over).
     */
    void start() throws IOException {
        Topology topology = properties.topology();
        boolean singleActive = topology.declare(broker, deployed, properties.retryDelays().size());
        String flowQueue = topology.flowQueue(deployed.flowId());
        if (deployed.ordered()) {
            if (singleActive) {
                consumers.consume(flowQueue, false, 1, this::handle);
            } else {
                consumers.consumeExclusively(flowQueue, this::handle);
            }
        } else {
            for (int i = 0; i < Math.max(1, properties.consumers()); i++) {
                consumers.consume(flowQueue, false, properties.prefetch(), this::handle);
            }
        }
        for (int level = 0; level < properties.retryDelays().size(); level++) {
            consumers.consume(topology.retryQueue(deployed.flowId(), level), true, properties.prefetch(),
                    this::handle);
        }
        log.info("Flow {}/{} v{} runs (queue {}{})", deployed.flow().workspace(),
                deployed.flow().name(), deployed.version(), flowQueue,
                deployed.ordered() ? ", ordered" : ", " + properties.consumers() + " consumer(s)");
    }

    private void handle(Received received) {
        Attempt attempt = Attempt.of(received.headers());
        if (attempt.number() == 1 && !consumers.stopping()) {
            metrics.in.increment();
        }
        process(received, attempt);
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
        if (!reading.isValid()) {
            metrics.failed.increment();
            failures.deadLetter(received, attempt, "malformed", sourceNode, "not a CloudEvent: "
                    + reading.describeProblems(), List.of());
            return;
        }
        ObjectNode event = reading.events().get(0);
        Map<String, List<ObjectNode>> outputs;
        try {
            outputs = metrics.run(pipeline, event, attempt.number() > 1);
            budgetFailures.set(0);
        } catch (PipelineFailure failure) {
            metrics.failed.increment();
            countBudgetFailure(failure);
            if (failure.kind().isRetried() && failures.mayRetry(attempt)) {
                failures.retry(received, attempt, attempt.owed(), failure.node(), failure.getMessage());
            } else {
                failures.deadLetter(received, attempt, "node-failed", failure.node(), failure.getMessage(), List.of());
            }
            return;
        }
        TargetDispatch.Sent sent = dispatch.send(event.path("id").asText(), event.path("source").asText(), outputs,
                attempt.owed(), attempt.number() > 1);
        if (sent.isEmpty()) {
            metrics.filtered.increment();
            consumers.ack(received);
            return;
        }
        sent.all().whenComplete((ignored, error) -> settle(received, attempt, sent.outcome(), started));
    }

    private void settle(Received received, Attempt attempt, TargetDispatch.Outcome outcome, long started) {
        metrics.out.increment(outcome.delivered());
        if (outcome.allDelivered()) {
            metrics.processed(started);
            consumers.ack(received);
        } else if (outcome.permanent() || !failures.mayRetry(attempt)) {
            metrics.failed.increment();
            failures.deadLetter(received, attempt, outcome.permanent() ? "target-refused" : "retries-exhausted",
                    outcome.failedTargets().get(0), outcome.lastError(), outcome.failedTargets());
        } else {
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
            log.warn("Flow {}/{} v{} {}", deployed.flow().workspace(), deployed.flow().name(), deployed.version(),
                    reason);
            scheduler.execute(() -> {
                try {
                    pausing.pauseFailing(deployed.flowId(), reason);
                } catch (RuntimeException e) {
                    log.warn("Could not pause flow {}: {}", deployed.flowId(), e.getMessage());
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
        log.info("Flow {}/{} v{} stopped", deployed.flow().workspace(), deployed.flow().name(), deployed.version());
    }
}
