package dev.sluice.source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.cloudevent.CloudEventReading;

/**
 * The most recent events published to each source, however they came (HTTP ingest or AMQP publish), kept on the
 * broker so every instance sees the same ones and Sluice keeps no state of its own: a bounded queue per source,
 * bound to the source's exchange with {@code #}, that drops its oldest event when full. Nobody consumes it;
 * reading takes its events without acking them and closes the channel, which puts them back in order. Two reads
 * at the same instant may each see only part of it. The queue is not durable: a durable one would store every
 * persistent event of the source a second time, on the broker whose CPU limits throughput (see the README), for a
 * preview aid; so a broker restart empties it. Unchecked: callers check who may see the source. Thread-safe.
 */
@Service
public class RecentEvents {

    private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);

    /** Events past this size still count, but a few huge ones cannot hold the broker's memory. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final BrokerConnection broker;
    private final EventSourceRepository sources;
    private final String prefix;
    private final int keep;

    RecentEvents(BrokerConnection broker, EventSourceRepository sources,
                 @Value("${sluice.engine.queue-prefix:sluice}") String prefix,
                 @Value("${sluice.sources.recent-events:20}") int keep) {
        this.broker = broker;
        this.sources = sources;
        this.prefix = prefix;
        this.keep = keep;
    }

    /** How many events of each source are kept. */
    public int keep() {
        return keep;
    }

    /** The queue keeping {@code source}'s recent events. */
    String queue(String source) {
        return prefix + ".source." + source + ".recent";
    }

    /**
     * The source's recent events, newest first, at most {@link #keep()}; messages that are not CloudEvents are
     * left out. Starts keeping them when nothing did yet.
     *
     * @throws IOException when the broker cannot be asked
     */
    public List<JsonNode> read(String source) throws IOException {
        declare(source);
        // all that waits, which is more than kept when RabbitMQ let in events while another read held some (held
        // ones do not count towards its bound); back in the queue before the next reader counts it
        List<JsonNode> oldestFirst = broker.peek(queue(source), Long.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .map(RecentEvents::event).filter(Objects::nonNull).toList();
        List<JsonNode> newestFirst = new ArrayList<>(oldestFirst.subList(Math.max(0, oldestFirst.size() - keep),
                oldestFirst.size()));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Declares the source's exchange and its recent-events queue (idempotent). A queue declared before with other
     * bounds (the setting changed) is kept as it is: its arguments cannot change, and reads trim it to
     * {@link #keep()}.
     */
    void declare(String source) throws IOException {
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(source, "topic", true);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclare(queue(source), false, false, false, bounds());
            channel.queueBind(queue(source), source, "#");
        } catch (IOException e) {
            if (!BrokerConnection.preconditionFailed(e)) {
                // a preview aid: publishing to the source must not fail for it (a broker may refuse such queues,
                // as RabbitMQ 4 can for transient ones); reads then find no queue and say there are no events
                log.warn("The recent events of {} are not kept: the broker refused queue {}: {}", source,
                        queue(source), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                return;
            }
            log.info("Queue {} keeps the bounds it was declared with", queue(source));
            bind(source);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void bind(String source) throws IOException {
        try (Channel channel = broker.openChannel()) {
            channel.queueBind(queue(source), source, "#");
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /**
     * The queue's bounds: RabbitMQ's max-length arguments on a classic queue (a replicated quorum queue would
     * cost more than a preview aid is worth), Qpid's ring policy on the embedded broker, which ignores them.
     */
    private Map<String, Object> bounds() {
        Map<String, Object> arguments = new HashMap<>();
        if (broker.isEmbedded()) {
            arguments.put("qpid.max_count", keep);
            arguments.put("qpid.max_size", MAX_BYTES);
            arguments.put("qpid.policy_type", "ring");
        } else {
            arguments.put("x-queue-type", "classic");
            arguments.put("x-max-length", keep);
            arguments.put("x-max-length-bytes", MAX_BYTES);
            arguments.put("x-overflow", "drop-head");
        }
        return arguments;
    }

    /** Deletes the source's recent-events queue, and the events it kept. */
    public void delete(String source) throws IOException {
        try (Channel channel = broker.openChannel()) {
            channel.queueDelete(queue(source));
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    @TransactionalEventListener
    void registered(SourceRegistered event) {
        declareQuietly(event.source());
    }

    /** Sources registered before recent events were kept, or by another instance while this one was down. */
    @EventListener(ApplicationReadyEvent.class)
    void declareForEverySource() {
        sources.findAllByOrderByNameAsc().forEach(source -> declareQuietly(source.getName()));
    }

    private void declareQuietly(String source) {
        try {
            declare(source);
        } catch (IOException | RuntimeException e) {
            // the next HTTP publish or read declares it again
            log.warn("Could not declare the recent-events queue of {}: {}", source, e.getMessage());
        }
    }

    /** The message's event as the engine reads it (published over HTTP or straight to the exchange), or null. */
    private static JsonNode event(GetResponse message) {
        CloudEventReading reading = AmqpCloudEvents.read(message.getProps(), message.getBody());
        return reading.isValid() ? reading.events().get(0) : null;
    }
}
