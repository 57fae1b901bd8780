package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.PartitionKey;
import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.cloudevent.CloudEventReading;
import dev.sluice.engine.FlowConsumers.Received;
import dev.sluice.pipeline.EventPath;

/**
 * Keeps the latest event of every key of one source ({@link KeptEvents}): a queue bound to all of the source's events,
 * consumed by one instance at a time (single active consumer on RabbitMQ, a sole consumer on the embedded broker) so
 * they are kept in publish order, in batches of up to {@value #BATCH} events or {@value #LINGER_MILLIS} ms, each
 * acked once stored. An event whose type ends in {@code .deleted} leaves a tombstone. Events that are not CloudEvents
 * are skipped (acked), and so are events with no key value, but for the history.
 *
 * <p>It also sees that the source's history is kept, to start flows from a point in time: on RabbitMQ a stream bound
 * to the source's events, with the history's retention as its maximum age; on the embedded broker, which has no
 * streams, the kept events are appended to the history in the database in the same transaction.
 */
final class LatestKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LatestKeeper.class);
    static final int BATCH = 200;
    static final long LINGER_MILLIS = 100;

    private final String source;
    private final BrokerConnection broker;
    private final KeptEvents store;
    private final ScheduledExecutorService scheduler;
    private final FlowConsumers consumers;
    private final String queue;
    private final String historyStream;
    private final Duration keepHistory;
    private final List<Received> pending = new ArrayList<>();
    private ScheduledFuture<?> lingering;

    /** @param keepHistory how long the source's history is kept; 0 keeps none */
    LatestKeeper(String source, Topology topology, Duration keepHistory, BrokerConnection broker, KeptEvents store,
                 ScheduledExecutorService scheduler) {
        this.source = source;
        this.queue = topology.latestQueue(source);
        this.historyStream = topology.historyStream(source);
        this.keepHistory = keepHistory;
        this.broker = broker;
        this.store = store;
        this.scheduler = scheduler;
        this.consumers = new FlowConsumers(broker, scheduler, "the latest events of " + source);
    }

    void start() throws IOException {
        boolean rabbitMq = !broker.isEmbedded();
        try (Channel channel = broker.openChannel()) {
            Topology.declareSource(channel, source);
            channel.queueDeclare(queue, true, false, false, rabbitMq
                    ? Map.of("x-queue-type", "quorum", "x-single-active-consumer", true) : null);
            channel.queueBind(queue, Topology.sourceExchange(source), "#");
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        if (rabbitMq && keepHistory.isPositive()) {
            declareHistoryStream();
        }
        if (rabbitMq) {
            consumers.consume(queue, false, BATCH * 2, this::received);
        } else {
            consumers.consumeExclusively(queue, BATCH * 2, this::received);
        }
    }

    /**
     * The source's stream, kept for the history's retention. A stream declared earlier with another retention keeps
     * it (a queue's arguments cannot change): the keeper says so and goes on with it.
     */
    private void declareHistoryStream() throws IOException {
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclare(historyStream, true, false, false, Map.of("x-queue-type", "stream",
                    "x-max-age", keepHistory.toSeconds() + "s"));
            channel.queueBind(historyStream, Topology.sourceExchange(source), "#");
        } catch (IOException e) {
            try (Channel channel = broker.openChannel()) {
                channel.queueDeclarePassive(historyStream);
                log.warn("The history stream {} keeps the retention it was declared with, not {}: delete it to change "
                        + "that", historyStream, keepHistory);
            } catch (TimeoutException closing) {
                throw new IOException(closing);
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    boolean broken() {
        return consumers.broken();
    }

    private synchronized void received(Received received) {
        pending.add(received);
        if (pending.size() >= BATCH) {
            flush();
        } else if (lingering == null) {
            lingering = scheduler.schedule(this::flushLingering, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void flushLingering() {
        lingering = null;
        flush();
    }

    /** Stores what is pending, then acks it; when storing fails the events go back to the queue, in order. */
    private synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (lingering != null) {
            lingering.cancel(false);
            lingering = null;
        }
        List<Received> batch = List.copyOf(pending);
        pending.clear();
        try {
            List<KeptEvents.Kept> kept = new ArrayList<>();
            // read from the database only when an event came without the key header (published by AMQP)
            java.util.function.Supplier<EventPath> keyPath = new java.util.function.Supplier<>() {
                private EventPath path;

                @Override
                public EventPath get() {
                    if (path == null) {
                        path = EventPath.compile(store.keyPath(source));
                    }
                    return path;
                }
            };
            for (Received received : batch) {
                KeptEvents.Kept event = kept(received, keyPath);
                if (event != null) {
                    kept.add(event);
                }
            }
            if (!kept.isEmpty()) {
                store.keep(source, kept, broker.isEmbedded() && keepHistory.isPositive());
            }
            batch.forEach(consumers::ack);
        } catch (RuntimeException e) {
            log.warn("Could not keep {} latest event(s) of source {}; they are taken again: {}", batch.size(),
                    source, e.getMessage());
            batch.forEach(consumers::nack);
        }
    }

    private static KeptEvents.Kept kept(Received received, java.util.function.Supplier<EventPath> keyPath) {
        CloudEventReading reading = AmqpCloudEvents.read(received.delivery().getProperties(),
                received.delivery().getBody());
        if (!reading.isValid()) {
            return null;
        }
        JsonNode event = reading.events().get(0);
        String key = PartitionKey.of(received.headers());
        if (key == null) {
            key = PartitionKey.text(keyPath.get().read(event));
        }
        String type = event.path("type").asText();
        String json = received.delivery().getProperties().getContentType() != null
                && received.delivery().getProperties().getContentType().startsWith("application/cloudevents+json")
                ? new String(received.delivery().getBody(), StandardCharsets.UTF_8) : event.toString();
        java.util.Date published = received.delivery().getProperties().getTimestamp();
        return new KeptEvents.Kept(key, event.path("id").asText(), type, type.endsWith(".deleted"), json,
                published == null ? java.time.Instant.now() : published.toInstant());
    }

    @Override
    public void close() {
        consumers.stop(Duration.ofSeconds(5).toNanos());
    }
}
