package dev.sluice.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import org.springframework.stereotype.Service;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.ConfirmingPublisher;

/**
 * Puts events onto a source's exchange (routing key = event type) and returns only once the broker has
 * confirmed every one of them. Thread-safe.
 */
@Service
public class EventIngest implements AutoCloseable {

    private static final JsonFormat FORMAT = new JsonFormat();

    /** AMQP 0-9-1 short strings (routing key = type, message id = id) hold at most this many bytes. */
    public static final int SHORT_STRING_BYTES = 255;

    private final RecentEvents recent;
    private final ConfirmingPublisher publisher;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    EventIngest(BrokerConnection broker, RecentEvents recent) {
        this.recent = recent;
        this.publisher = new ConfirmingPublisher(broker::openChannel, "the source exchanges");
    }

    /**
     * Publishes {@code events} to {@code source} and waits for the broker's confirms. Checks them all first: when
     * one cannot be published ({@link #tooLong}), none is.
     *
     * @throws IllegalArgumentException when an event has an attribute past the AMQP short-string limit
     * @throws IOException when the broker did not confirm them all in time
     */
    public void publish(String source, List<CloudEvent> events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            List<String> tooLong = tooLong(events.get(i));
            if (!tooLong.isEmpty()) {
                throw new IllegalArgumentException("event " + i + " of " + events.size() + " has " + tooLong
                        + " longer than " + SHORT_STRING_BYTES + " bytes; none of the events was published");
            }
        }
        declare(source);
        List<CompletableFuture<Void>> confirms = new ArrayList<>();
        for (CloudEvent event : events) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(JsonFormat.CONTENT_TYPE)
                    .deliveryMode(2)
                    .messageId(event.getId())
                    .build();
            confirms.add(publisher.publish(source, event.getType(), properties, FORMAT.serialize(event)));
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
    public static List<String> tooLong(CloudEvent event) {
        List<String> names = new ArrayList<>();
        if (bytes(event.getId()) > SHORT_STRING_BYTES) {
            names.add("id");
        }
        if (bytes(event.getSource() == null ? null : event.getSource().toString()) > SHORT_STRING_BYTES) {
            names.add("source");
        }
        if (bytes(event.getType()) > SHORT_STRING_BYTES) {
            names.add("type");
        }
        return names;
    }

    private static int bytes(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
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
        publisher.close();
    }
}
