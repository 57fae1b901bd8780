package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.ConfirmingPublisher;
import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.target.TargetFailure;

/**
 * Runs one deployed flow version on this instance: consumers on the flow queue and its retry queues, the
 * compiled pipeline per event, delivery to every target, and the ack only once every target confirmed.
 * A failed delivery goes to the next retry queue (republished with a confirm, then acked), and after the
 * last retry to the dead-letter queue with the reason in headers. An ordered flow retries in place instead, so
 * that no later event overtakes the failed one.
 */
final class FlowRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

    private final DeployedFlow deployed;
    private final Pipeline pipeline;
    private final Map<String, dev.sluice.target.Delivery> targets;
    private final BrokerConnection broker;
    private final EngineProperties properties;
    private final FlowMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final ConfirmingPublisher republisher;
    private final String sourceNode;
    private final Topology topology;
    private final List<Channel> channels = new ArrayList<>();
    private final Map<Channel, String> consumerTags = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger budgetFailures = new AtomicInteger();
    private final AtomicBoolean pauseRequested = new AtomicBoolean();
    private final FlowPausing pausing;
    private final RuntimePiiCheck piiCheck;
    private volatile boolean stopping;
    private volatile boolean broken;

    FlowRunner(DeployedFlow deployed, Pipeline pipeline, Map<String, dev.sluice.target.Delivery> targets,
               BrokerConnection broker, EngineProperties properties, FlowMetrics metrics,
               ScheduledExecutorService scheduler, FlowPausing pausing, RuntimePiiCheck piiCheck) {
        this.pausing = pausing;
        this.piiCheck = piiCheck;
        this.deployed = deployed;
        this.pipeline = pipeline;
        this.targets = targets;
        this.broker = broker;
        this.properties = properties;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.topology = properties.topology();
        this.republisher = new ConfirmingPublisher(broker::openChannel,
                "the retry and dead-letter queues of flow " + deployed.flowId());
        this.sourceNode = deployed.flow().nodes().stream().filter(n -> n.kind().equals("source"))
                .findFirst().orElseThrow().id();
    }

    DeployedFlow deployed() {
        return deployed;
    }

    FlowMetrics metrics() {
        return metrics;
    }

    /** True once the broker connection dropped under this runner: it must be closed and started again. */
    boolean broken() {
        return broken;
    }

    /**
     * Declares the topology and starts consuming. An ordered flow has one consumer with a prefetch of one, so
     * each event is confirmed by every target before the next is handed out; across instances only one such
     * consumer is active (RabbitMQ's single active consumer, or on the embedded broker a sole consumer that the
     * other instances keep trying to take over).
     */
    void start() throws IOException {
        boolean singleActive = topology.declare(broker, deployed, properties.retryDelays().size());
        String flowQueue = topology.flowQueue(deployed.flowId());
        if (deployed.ordered()) {
            if (singleActive) {
                consume(flowQueue, false, 1);
            } else {
                consumeExclusively(flowQueue);
            }
        } else {
            for (int i = 0; i < Math.max(1, properties.consumers()); i++) {
                consume(flowQueue, false, properties.prefetch());
            }
        }
        for (int level = 0; level < properties.retryDelays().size(); level++) {
            consume(topology.retryQueue(deployed.flowId(), level), true, properties.prefetch());
        }
        log.info("Flow {}/{} v{} runs (queue {}{})", deployed.flow().workspace(),
                deployed.flow().name(), deployed.version(), flowQueue,
                deployed.ordered() ? ", ordered" : ", " + properties.consumers() + " consumer(s)");
    }

    /**
     * Becomes the queue's only consumer, or keeps trying every second while another instance is. The embedded
     * broker answers a second exclusive consumer by closing the whole connection, so instead of the exclusive
     * flag the instances look: consume only when the queue has no consumer, and let go (retrying after a random
     * pause) when another instance slipped in at the same moment.
     */
    private void consumeExclusively(String queue) {
        if (stopping) {
            return;
        }
        try {
            if (consumersOf(queue) == 0) {
                Channel channel = consume(queue, false, 1);
                if (consumersOf(queue) <= 1) {
                    log.info("Flow {} is consumed by this instance (ordered)", deployed.flow().name());
                    return;
                }
                release(channel);
                scheduler.schedule(() -> consumeExclusively(queue), 200 + (long) (Math.random() * 1000),
                        TimeUnit.MILLISECONDS);
                return;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not take the ordered consumer of {}", queue, e);
        }
        scheduler.schedule(() -> consumeExclusively(queue), 1, TimeUnit.SECONDS);
    }

    private long consumersOf(String queue) throws IOException {
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void release(Channel channel) {
        synchronized (channels) {
            channels.remove(channel);
            consumerTags.remove(channel);
        }
        closeQuietly(channel);
    }

    private Channel consume(String queue, boolean delayed, int prefetch) throws IOException {
        Channel channel = broker.openChannel();
        if (channel instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    // the client's own recovery of queues and consumers is not to be relied on (it replays
                    // declarations on channels long closed): the engine starts this flow afresh instead
                    broken = true;
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    broken = true;
                }
            });
        }
        try {
            channel.basicQos(prefetch);
            String tag = channel.basicConsume(queue, false, "", false, false, null,
                    (consumerTag, delivery) -> {
                        if (delayed) {
                            long wait = Headers.due(delivery.getProperties().getHeaders()) - System.currentTimeMillis();
                            if (wait > 0) {
                                scheduler.schedule(() -> handle(channel, delivery), wait, TimeUnit.MILLISECONDS);
                                return;
                            }
                        }
                        handle(channel, delivery);
                    },
                    consumerTag -> log.warn("Consumer of {} was cancelled by the broker", queue));
            synchronized (channels) {
                if (stopping) {
                    closeQuietly(channel);
                    return channel;
                }
                channels.add(channel);
                consumerTags.put(channel, tag);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void handle(Channel channel, Delivery delivery) {
        inFlight.incrementAndGet();
        Attempt attempt = Attempt.of(delivery.getProperties().getHeaders());
        if (attempt.number() == 1 && !stopping) {
            metrics.in.increment();
        }
        process(channel, delivery, attempt);
    }

    /** Runs the pipeline and delivers; {@code attempt} says which try this is and which targets are still owed. */
    private void process(Channel channel, Delivery delivery, Attempt attempt) {
        if (stopping) {
            // delivered before the cancel took effect (or waiting to be retried in place): leave it unacked, so
            // closing the channel hands it back and the next version processes it, never both
            inFlight.decrementAndGet();
            return;
        }
        long started = System.nanoTime();
        JsonNode event;
        try {
            event = FlowJson.MAPPER.readTree(delivery.getBody());
        } catch (IOException e) {
            deadLetter(channel, delivery, attempt, "malformed", sourceNode, "not a JSON CloudEvent: "
                    + e.getClass().getSimpleName(), List.of());
            return;
        }
        Map<String, List<ObjectNode>> outputs;
        try {
            outputs = pipeline.run(event);
            budgetFailures.set(0);
        } catch (PipelineFailure failure) {
            metrics.failed.increment();
            countBudgetFailure(failure);
            String reason = failure.isMalformed() ? "malformed" : "node-failed";
            if (failure.isTransient() && attempt.number() < properties.maxAttempts()) {
                retry(channel, delivery, attempt, attempt.owed(), failure.node() + ": " + failure.getMessage());
            } else {
                deadLetter(channel, delivery, attempt, reason, failure.node(), failure.getMessage(), List.of());
            }
            return;
        }
        List<String> owed = attempt.owed();
        Map<String, List<CompletableFuture<Void>>> sent = new LinkedHashMap<>();
        String inputId = event.path("id").asText();
        String source = event.path("source").asText();
        outputs.forEach((target, events) -> {
            if (!owed.isEmpty() && !owed.contains(target)) {
                return;
            }
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            events.forEach(output -> piiCheck.scan(target, inputId, output, metrics));
            for (int i = 0; i < events.size(); i++) {
                futures.add(targets.get(target).deliver(events.get(i), outputId(inputId, source, target, i)));
            }
            sent.put(target, futures);
        });
        if (sent.isEmpty()) {
            metrics.filtered.increment();
            ack(channel, delivery);
            return;
        }
        CompletableFuture.allOf(sent.values().stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> settle(channel, delivery, attempt, sent, started));
    }

    /** N budget failures in a row: the script cannot keep up with its budget, so the flow is paused everywhere. */
    private void countBudgetFailure(PipelineFailure failure) {
        String message = String.valueOf(failure.getMessage());
        if (!message.contains("budget") && !message.contains("limit of") && !message.contains("exhausted a resource")) {
            budgetFailures.set(0);
            return;
        }
        int inARow = budgetFailures.incrementAndGet();
        if (inARow >= properties.budgetFailuresToPause() && pauseRequested.compareAndSet(false, true)) {
            String reason = "paused by the engine: " + inARow + " events in a row failed at node " + failure.node()
                    + ": " + message;
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

    private void settle(Channel channel, Delivery delivery, Attempt attempt,
                        Map<String, List<CompletableFuture<Void>>> sent, long started) {
        List<String> failedTargets = new ArrayList<>();
        boolean permanent = false;
        String lastError = null;
        int delivered = 0;
        for (Map.Entry<String, List<CompletableFuture<Void>>> target : sent.entrySet()) {
            for (CompletableFuture<Void> future : target.getValue()) {
                if (!future.isCompletedExceptionally()) {
                    delivered++;
                    continue;
                }
                Throwable error = future.exceptionNow();
                if (!failedTargets.contains(target.getKey())) {
                    failedTargets.add(target.getKey());
                }
                permanent |= error instanceof TargetFailure failure && !failure.isTransient();
                lastError = target.getKey() + ": " + error.getMessage();
            }
        }
        metrics.out.increment(delivered);
        if (failedTargets.isEmpty()) {
            metrics.processed(started);
            ack(channel, delivery);
        } else if (permanent || attempt.number() >= properties.maxAttempts()) {
            metrics.failed.increment();
            deadLetter(channel, delivery, attempt, permanent ? "target-refused" : "retries-exhausted",
                    failedTargets.get(0), lastError, failedTargets);
        } else {
            retry(channel, delivery, attempt, failedTargets, lastError);
        }
    }

    /**
     * An unordered flow moves the event to the retry queue of this attempt's delay, so later events go on. An
     * ordered flow keeps it, unacked, and tries again here after the same delay: with a prefetch of one nothing
     * after it is handed out meanwhile, so no later event overtakes it.
     */
    private void retry(Channel channel, Delivery delivery, Attempt attempt, List<String> failedTargets,
                       String error) {
        int level = Math.min(attempt.number() - 1, properties.retryDelays().size() - 1);
        long delay = properties.retryDelays().get(level).toMillis();
        metrics.retried.increment();
        if (deployed.ordered()) {
            scheduler.schedule(() -> process(channel, delivery, attempt.next(failedTargets, error)), delay,
                    TimeUnit.MILLISECONDS);
            return;
        }
        Map<String, Object> headers = Headers.copy(delivery.getProperties().getHeaders());
        headers.put(Headers.ATTEMPT, attempt.number() + 1);
        headers.put(Headers.DUE, System.currentTimeMillis() + delay);
        headers.put(Headers.TARGETS, String.join(",", failedTargets));
        headers.putIfAbsent(Headers.FIRST_ERROR, error);
        headers.put(Headers.LAST_ERROR, error);
        republish(channel, delivery, topology.retryQueue(deployed.flowId(), level), headers);
    }

    private void deadLetter(Channel channel, Delivery delivery, Attempt attempt, String reason, String node,
                            String error, List<String> failedTargets) {
        Map<String, Object> headers = Headers.copy(delivery.getProperties().getHeaders());
        headers.put(Headers.REASON, reason);
        headers.put(Headers.NODE, node);
        headers.put(Headers.FIRST_ERROR, attempt.firstError() != null ? attempt.firstError() : error);
        headers.put(Headers.LAST_ERROR, error);
        headers.put(Headers.ATTEMPT, attempt.number());
        headers.put(Headers.DEAD_AT, Instant.now().toString());
        headers.put(Headers.FLOW_VERSION, deployed.version());
        headers.put(Headers.TARGETS, String.join(",", failedTargets));
        headers.remove(Headers.DUE);
        metrics.deadLettered.increment();
        log.warn("Flow {} dead-lettered an event at node {}: {} ({})", deployed.flow().name(), node, reason, error);
        republish(channel, delivery, topology.deadLetterQueue(deployed.flowId()), headers);
    }

    /** Publishes a copy (confirmed) before acking the original, so the event is never in neither place. */
    private void republish(Channel channel, Delivery delivery, String queue, Map<String, Object> headers) {
        AMQP.BasicProperties properties = delivery.getProperties().builder()
                .headers(headers)
                .deliveryMode(2)
                .build();
        republisher.publish("", queue, properties, delivery.getBody()).whenComplete((ok, error) -> {
            if (error == null) {
                ack(channel, delivery);
            } else {
                log.warn("Could not move an event of flow {} to {}; it will be redelivered: {}",
                        deployed.flow().name(), queue, error.getMessage());
                nack(channel, delivery);
            }
        });
    }

    private void ack(Channel channel, Delivery delivery) {
        try {
            synchronized (channel) {
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Ack failed (the channel is gone; the event will be redelivered)", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void nack(Channel channel, Delivery delivery) {
        try {
            synchronized (channel) {
                channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, true);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Nack failed (the channel is gone; the event will be redelivered)", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("Close failed", e);
        }
    }

    /** Same input event, flow and target (and position among that target's outputs): same id. */
    String outputId(String inputId, String source, String target, int index) {
        return UUID.nameUUIDFromBytes((source + "\n" + inputId + "\n" + deployed.flowId() + "\n" + target + "\n"
                + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Stops taking events, lets in-flight ones finish (up to the drain timeout), then lets go of everything. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        List<Channel> open;
        Map<Channel, String> tags;
        synchronized (channels) {
            stopping = true;
            open = List.copyOf(channels);
            tags = Map.copyOf(consumerTags);
        }
        tags.forEach((channel, tag) -> {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                log.debug("Cancel failed", e);
            }
        });
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        open.forEach(FlowRunner::closeQuietly);
        republisher.close();
        targets.values().forEach(dev.sluice.target.Delivery::close);
        log.info("Flow {}/{} v{} stopped", deployed.flow().workspace(), deployed.flow().name(), deployed.version());
    }
}
