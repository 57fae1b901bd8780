package dev.sluice.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.rabbitmq.client.AMQP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.ConfirmingPublisher;
import dev.sluice.engine.FlowConsumers.Received;

/**
 * Where a failed event of one flow goes: the retry queue of its attempt's delay, or for an ordered flow another
 * try in place after that delay; after the last attempt, or at once when retrying cannot help, the dead-letter
 * queue with the reason in headers. A copy is confirmed by the broker before the original is acked, so the event
 * is never in neither place. Thread-safe.
 */
final class FailureRoutes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailureRoutes.class);

    private final DeployedFlow deployed;
    private final EngineProperties properties;
    private final Topology topology;
    private final FlowMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final FlowConsumers consumers;
    private final BiConsumer<Received, Attempt> tryAgain;
    private final ConfirmingPublisher republisher;

    /** @param tryAgain takes an ordered flow's event to its next try, once the retry delay is over */
    FailureRoutes(DeployedFlow deployed, EngineProperties properties, FlowMetrics metrics, BrokerConnection broker,
                  ScheduledExecutorService scheduler, FlowConsumers consumers, BiConsumer<Received, Attempt> tryAgain) {
        this.deployed = deployed;
        this.properties = properties;
        this.topology = properties.topology();
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.consumers = consumers;
        this.tryAgain = tryAgain;
        this.republisher = new ConfirmingPublisher(broker::openChannel,
                "the retry and dead-letter queues of flow " + deployed.flowId());
    }

    boolean mayRetry(Attempt attempt) {
        return attempt.number() < properties.maxAttempts();
    }

    /**
     * An unordered flow moves the event to the retry queue of this attempt's delay, so later events go on. An
     * ordered flow keeps it, unacked, and after the same delay hands it to {@code tryAgain}: with a prefetch of one
     * nothing after it is handed out meanwhile, so no later event overtakes it; ordered by key, later events of its
     * key wait behind it in their {@link KeyLanes}.
     */
    void retry(Received received, Attempt attempt, List<String> failedTargets, String node, String message) {
        int level = Math.min(attempt.number() - 1, properties.retryDelays().size() - 1);
        long delay = properties.retryDelays().get(level).toMillis();
        String error = node + ": " + message;
        metrics.retried.increment();
        metrics.failedAt(node, message, false);
        if (deployed.keepsOrder()) {
            metrics.heldInPlace.incrementAndGet();
            scheduler.schedule(() -> {
                metrics.heldInPlace.decrementAndGet();
                tryAgain.accept(received, attempt.next(failedTargets, error));
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        Map<String, Object> headers = Headers.copy(received.headers());
        headers.put(Headers.ATTEMPT, attempt.number() + 1);
        headers.put(Headers.DUE, System.currentTimeMillis() + delay);
        headers.put(Headers.TARGETS, String.join(",", failedTargets));
        headers.putIfAbsent(Headers.FIRST_ERROR, error);
        headers.put(Headers.LAST_ERROR, error);
        republish(received, topology.retryQueue(deployed.flowId(), level), headers);
    }

    /** @param traceId the trace the event belongs to, kept with it for operators to look up; null when none */
    void deadLetter(Received received, Attempt attempt, String reason, String node, String error,
                    List<String> failedTargets, String traceId) {
        Map<String, Object> headers = Headers.copy(received.headers());
        headers.put(Headers.REASON, reason);
        headers.put(Headers.NODE, node);
        headers.put(Headers.FIRST_ERROR, attempt.firstError() != null ? attempt.firstError() : error);
        headers.put(Headers.LAST_ERROR, error);
        headers.put(Headers.ATTEMPT, attempt.number());
        headers.put(Headers.DEAD_AT, Instant.now().toString());
        headers.put(Headers.FLOW_VERSION, deployed.version());
        headers.put(Headers.TARGETS, String.join(",", failedTargets));
        if (traceId != null) {
            headers.put(Headers.TRACE_ID, traceId);
        }
        headers.remove(Headers.DUE);
        metrics.deadLettered.increment();
        metrics.failedAt(node, error, true);
        org.slf4j.spi.LoggingEventBuilder line = deployed.fields(log.atWarn())
                .addKeyValue("eventId", received.delivery().getProperties().getMessageId())
                .addKeyValue("node", node).addKeyValue("reason", reason);
        // where a span is current, the trace id is in the line already (a second field of one name loses the line)
        if (traceId != null && org.slf4j.MDC.get("traceId") == null) {
            line = line.addKeyValue("traceId", traceId);
        }
        line.log("Flow {} dead-lettered an event at node {}: {} ({})", deployed.flow().name(), node, reason, error);
        republish(received, topology.deadLetterQueue(deployed.flowId()), headers);
    }

    private void republish(Received received, String queue, Map<String, Object> headers) {
        AMQP.BasicProperties copy = received.delivery().getProperties().builder()
                .headers(headers)
                .deliveryMode(2)
                .build();
        republisher.publish("", queue, copy, received.delivery().getBody()).whenComplete((ok, error) -> {
            if (error == null) {
                consumers.ack(received);
            } else {
                deployed.fields(log.atWarn()).addKeyValue("eventId", received.delivery().getProperties().getMessageId())
                        .log("Could not move an event of flow {} to {}; it will be redelivered: {}",
                                deployed.flow().name(), queue, error.getMessage());
                consumers.nack(received);
            }
        });
    }

    @Override
    public void close() {
        republisher.close();
    }
}
