package dev.sluice.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.ConfirmingPublisher;
import dev.sluice.broker.PartitionKey;
import dev.sluice.json.Json;
import dev.sluice.pipeline.EventPath;
import dev.sluice.region.Regions;
import dev.sluice.tracing.EventSpan;
import dev.sluice.tracing.EventTracing;
import dev.sluice.workspace.Refusal;

/**
 * Puts events onto a source's exchange (routing key = event type), in structured mode as the JSON event format
 * writes them, and returns only once the broker has confirmed every one of them. Thread-safe.
 */
@Service
public class EventIngest implements AutoCloseable {

    /** The JSON event format: how every event on a source exchange that Sluice published is written. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /**
     * The header with the time ingest published an event, epoch milliseconds (the AMQP timestamp holds seconds): how
     * long it took to reach a flow, a region link included, is measured from it.
     */
    public static final String PUBLISHED_AT_HEADER = "sluice_published_ms";

    /** AMQP 0-9-1 short strings (routing key = type, message id = id) hold at most this many bytes. */
    public static final int SHORT_STRING_BYTES = 255;

    /** How long a source's key is used before it is read again (another instance may have changed it). */
    private static final long KEY_KEPT_MILLIS = 5_000;

    private final RecentEvents recent;
    private final EventSourceRepository sources;
    /** Requests publish side by side, each batch on one channel so its events keep their order. */
    private static final int CHANNELS = 8;

    private final List<ConfirmingPublisher> publishers;
    private final AtomicInteger nextPublisher = new AtomicInteger();
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private final Map<String, SourceKey> keys = new ConcurrentHashMap<>();

    private final Regions regions;
    private final EventTracing tracing;
    private final MeterRegistry meters;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    private record SourceKey(EventPath path, String home, long readAt) {
    }

    EventIngest(BrokerConnection broker, RecentEvents recent, EventSourceRepository sources, Regions regions,
                EventTracing tracing, MeterRegistry meters) {
        this.regions = regions;
        this.tracing = tracing;
        this.meters = meters;
        this.recent = recent;
        this.sources = sources;
        this.publishers = IntStream.range(0, CHANNELS)
                .mapToObj(n -> new ConfirmingPublisher(broker::openChannel, "the source exchanges")).toList();
    }

    /**
     * Publishes {@code events} (CloudEvents that passed {@link dev.sluice.cloudevent.CloudEventRules}, in the form
     * they are stored) to {@code source} and waits for the broker's confirms. Checks them all first: when
     * one cannot be published ({@link #tooLong}), none is. Traced, an event without a {@code traceparent} gets the
     * context of this ingest's span, so the flows that take it continue its trace.
     *
     * @throws IllegalArgumentException when an event has an attribute past the AMQP short-string limit
     * @throws Refusal (conflict) when the source is published in another region than this instance's
     * @throws IOException when the broker did not confirm them all in time
     */
    public void publish(String source, List<ObjectNode> events) throws IOException {
        SourceKey known = known(source);
        if (!regions.resolve(known.home()).equals(regions.here())) {
            throw Refusal.conflict("source " + source + " is published in region " + regions.resolve(known.home())
                    + " and this Sluice runs in " + regions.here() + ": publish its events to a Sluice of "
                    + regions.resolve(known.home()) + "; flows elsewhere get them through the region link");
        }
        for (int i = 0; i < events.size(); i++) {
            List<String> tooLong = tooLong(events.get(i));
            if (!tooLong.isEmpty()) {
                throw new IllegalArgumentException("event " + i + " of " + events.size() + " has " + tooLong
                        + " longer than " + SHORT_STRING_BYTES + " bytes; none of the events was published");
            }
        }
        declare(source);
        EventSpan span = tracing.ingest(source, events);
        try {
            publishConfirmed(source, known.path(), events);
        } catch (IOException | RuntimeException e) {
            span.failed("not-published", source);
            throw e;
        } finally {
            span.end();
        }
        published.computeIfAbsent(source, name -> Counter.builder("sluice.ingest.events")
                .description("Events published to a source through the HTTP API, counted once the broker confirmed them")
                .tags("source", name)
                .register(meters)).increment(events.size());
    }

    private void publishConfirmed(String source, EventPath key, List<ObjectNode> events) throws IOException {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(events.size());
        ConfirmingPublisher publisher = publishers.get(Math.floorMod(nextPublisher.getAndIncrement(), CHANNELS));
        for (ObjectNode event : events) {
            long now = System.currentTimeMillis();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(CONTENT_TYPE)
                    .deliveryMode(2)
                    .messageId(event.path("id").asText())
                    .timestamp(new java.util.Date(now))
                    .headers(headers(key, event, now))
                    .build();
            confirms.add(publisher.publish(source, event.path("type").asText(), properties, bytes(event)));
        }
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the broker did not take the events: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm the events within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker", e);
        }
    }

    /**
     * The attributes of {@code event} ({@code id}, {@code source}, {@code type}) that are longer than an AMQP short
     * string in UTF-8, so cannot be a message id or routing key; empty when it can be published.
     */
    public static List<String> tooLong(ObjectNode event) {
        List<String> names = new ArrayList<>();
        for (String attribute : new String[] {"id", "source", "type"}) {
            if (event.path(attribute).asText().getBytes(StandardCharsets.UTF_8).length > SHORT_STRING_BYTES) {
                names.add(attribute);
            }
        }
        return names;
    }

    private SourceKey known(String source) {
        long now = System.currentTimeMillis();
        SourceKey known = keys.get(source);
        if (known == null || now - known.readAt() > KEY_KEPT_MILLIS) {
            EventSource found = sources.findByName(source).orElse(null);
            known = new SourceKey(EventPath.compile(found == null ? EventSource.DEFAULT_KEY : found.getKeyPath()),
                    found == null ? null : found.getHomeRegion(), now);
            keys.put(source, known);
        }
        return known;
    }

    /** The event's key ({@link PartitionKey}) when it has a value there, and when it was published. */
    private static Map<String, Object> headers(EventPath key, ObjectNode event, long publishedAt) {
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(PUBLISHED_AT_HEADER, publishedAt);
        String value = PartitionKey.text(key.read(event));
        if (value != null) {
            PartitionKey.put(headers, value);
        }
        return headers;
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes is always written", e);
        }
    }

    /** The exchange, and the queue keeping the source's recent events, so they keep this event too. */
    private void declare(String source) throws IOException {
        if (declared.contains(source)) {
            return;
        }
        recent.declare(source);
        declared.add(source);
    }

    @Override
    public void close() {
        publishers.forEach(ConfirmingPublisher::close);
    }
}
