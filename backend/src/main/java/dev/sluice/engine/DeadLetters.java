package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.json.Json;

/**
 * Reads and replays a flow's dead-letter queue. AMQP cannot browse a queue, so reading takes messages
 * without acking them and then closes the channel, which puts every one of them back. Replay republishes
 * each chosen message (confirmed) to the flow queue with its retry state cleared, then acks it.
 */
public final class DeadLetters {

    private final BrokerConnection broker;
    private final Topology topology;

    DeadLetters(BrokerConnection broker, Topology topology) {
        this.broker = broker;
        this.topology = topology;
    }

    /** How long a listing waits for the dead letters it looked at to be back in their queue. */
    private static final java.time.Duration HANDED_BACK = java.time.Duration.ofSeconds(5);

    /**
     * One dead letter: the event as received and why it is here.
     *
     * @param traceId the trace of its last try (in the tracing system), or null when it belongs to none
     */
    public record DeadLetter(String messageId, String reason, String node, String firstError, String lastError,
                             int attempts, String deadAt, String targets, String traceId, String event) {

        /** The same dead letter with its event and error texts passed through {@code shown} (masking them). */
        public DeadLetter shownAs(java.util.function.UnaryOperator<String> shown) {
            return new DeadLetter(messageId, reason, node, shown.apply(firstError), shown.apply(lastError), attempts,
                    deadAt, targets, traceId, shown.apply(event));
        }
    }

    /** Up to {@code limit} dead letters, oldest first; the queue is left as it was. None before it exists. */
    public List<DeadLetter> list(long flowId, int limit) throws IOException {
        // returns once they are back in the queue, so that a replay right after this listing counts them all
        return broker.peek(topology.deadLetterQueue(flowId), limit, HANDED_BACK).stream()
                .map(DeadLetters::describe).toList();
    }

    /**
     * Replays the dead letters whose message id is in {@code ids}, or all of them when {@code ids} is empty, into
     * the flow as it is deployed ({@code keyOrder}: ordered by key, or null). Returns how many were replayed.
     */
    public int replay(long flowId, KeyOrder keyOrder, Collection<String> ids) throws IOException {
        int replayed = 0;
        Channel channel = broker.openChannel();
        try {
            channel.confirmSelect();
            long seen = channel.queueDeclarePassive(topology.deadLetterQueue(flowId)).getMessageCount();
            for (long i = 0; i < seen; i++) {
                GetResponse message = channel.basicGet(topology.deadLetterQueue(flowId), false);
                if (message == null) {
                    break;
                }
                if (!ids.isEmpty() && !ids.contains(idOf(message))) {
                    continue;
                }
                Map<String, Object> headers = Headers.copy(message.getProps().getHeaders());
                List.of(Headers.ATTEMPT, Headers.DUE, Headers.REASON, Headers.NODE, Headers.FIRST_ERROR,
                        Headers.LAST_ERROR, Headers.DEAD_AT, Headers.FLOW_VERSION, Headers.TRACE_ID)
                        .forEach(headers::remove);
                AMQP.BasicProperties properties = message.getProps().builder().headers(headers).build();
                Topology.Destination entry = topology.entry(broker, flowId, keyOrder, headers);
                channel.basicPublish(entry.exchange(), entry.routingKey(), false, properties, message.getBody());
                channel.waitForConfirmsOrDie(10_000);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                replayed++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while replaying", e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm a replayed event", e);
        } finally {
            BrokerConnection.closeQuietly(channel);
        }
        return replayed;
    }

    private static DeadLetter describe(GetResponse message) {
        Map<String, Object> headers = message.getProps().getHeaders();
        return new DeadLetter(idOf(message), Headers.text(headers, Headers.REASON),
                Headers.text(headers, Headers.NODE), Headers.text(headers, Headers.FIRST_ERROR),
                Headers.text(headers, Headers.LAST_ERROR), Headers.attempt(headers),
                Headers.text(headers, Headers.DEAD_AT), Headers.text(headers, Headers.TARGETS),
                Headers.text(headers, Headers.TRACE_ID), new String(message.getBody(), StandardCharsets.UTF_8));
    }

    /** The AMQP message id, or else the CloudEvent id in the body, or else the delivery's position. */
    private static String idOf(GetResponse message) {
        if (message.getProps().getMessageId() != null) {
            return message.getProps().getMessageId();
        }
        try {
            var id = dev.sluice.json.Json.MAPPER.readTree(message.getBody()).path("id");
            if (id.isTextual()) {
                return id.asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // a malformed body has no id of its own
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(sha256(message.getBody())).substring(0, 16);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
