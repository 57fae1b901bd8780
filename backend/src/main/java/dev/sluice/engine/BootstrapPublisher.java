package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.PartitionKey;

/**
 * Puts what a flow owes before its live events ({@link Bootstrap}) into the flow's bootstrap queue, with publisher
 * confirms, then an end marker naming the run:
 * <ul>
 *   <li>its source's snapshot: the latest event of every key, deletes included ({@link KeptEvents}), once the source's
 *       keeper kept every event published so far; each marked for its targets to restate;</li>
 *   <li>its source's history from a time on RabbitMQ: the source's stream from that time, up to a mark this publisher
 *       appends to the stream;</li>
 *   <li>its source's history from a time on the embedded broker: what the keepers appended to the database, up to the
 *       newest event once the source's keeper caught up.</li>
 * </ul>
 * The flow's own queues are bound before, so each event is in the bootstrap queue, or queued live, or both, never
 * in neither.
 */
final class BootstrapPublisher {

    private static final Logger log = LoggerFactory.getLogger(BootstrapPublisher.class);
    /** The header of the end marker: the bootstrap run's token. */
    static final String END = "x-sluice-bootstrap-end";
    /** The header of each event of a snapshot: targets restate it ({@link dev.sluice.target.Delivery#restate}). */
    static final String SNAPSHOT = "x-sluice-snapshot";
    /** The header of the mark appended to a source's stream: the copy of its history ends there. */
    static final String CUT = "x-sluice-history-cut";
    private static final int PAGE = 500;
    /**
     * How long the copy of a stream goes on past its mark, for events routed before the flow's queues were bound
     * that the stream took in after the mark (from another connection, a moment later).
     */
    private static final long GRACE_MILLIS = 1_000;
    /** How long the copy of a stream waits for its next event before it gives up on the mark. */
    private static final long QUIET_MILLIS = 120_000;

    private BootstrapPublisher() {
    }

    static long publish(BrokerConnection broker, Topology topology, DeployedFlow flow, KeptEvents kept)
            throws IOException, InterruptedException, TimeoutException {
        String source = flow.flow().sourceNode().orElseThrow().config().path("source").asText();
        List<String> types = new ArrayList<>();
        flow.flow().sourceNode().orElseThrow().config().path("types").forEach(type -> types.add(type.asText()));
        Bootstrap bootstrap = flow.bootstrap();
        String queue = topology.bootstrapQueue(flow.flowId());
        long published;
        try (Channel channel = broker.openChannel()) {
            channel.queuePurge(queue);
            channel.confirmSelect();
            if (bootstrap.isSnapshot()) {
                awaitKeeper(broker, topology.latestQueue(source));
                published = snapshot(channel, queue, source, types, kept);
            } else if (broker.isEmbedded()) {
                awaitKeeper(broker, topology.latestQueue(source));
                published = keptHistory(channel, queue, source, types, kept, bootstrap);
            } else {
                published = streamHistory(broker, channel, queue, topology.historyStream(source), types, bootstrap);
            }
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .headers(Map.of(END, bootstrap.token())).build(), new byte[0]);
            channel.waitForConfirmsOrDie(60_000);
        }
        log.info("Flow {}/{}: {} event(s) of the {} of {} queued before its live events", flow.flow().workspace(),
                flow.flow().name(), published, bootstrap.isSnapshot() ? "snapshot" : "history since "
                        + bootstrap.from(), source);
        return published;
    }

    private static long snapshot(Channel channel, String queue, String source, List<String> types, KeptEvents kept)
            throws IOException, InterruptedException, TimeoutException {
        long published = 0;
        String after = "";
        for (List<KeptEvents.Kept> page = kept.page(source, after, PAGE); !page.isEmpty();
             page = kept.page(source, after, PAGE)) {
            for (KeptEvents.Kept event : page) {
                if (!types.isEmpty() && !types.contains(event.type())) {
                    continue;
                }
                Map<String, Object> headers = new HashMap<>();
                PartitionKey.put(headers, event.key());
                headers.put(SNAPSHOT, true);
                publish(channel, queue, event.id(), new Date(), headers, event.event());
                published++;
            }
            channel.waitForConfirmsOrDie(60_000);
            after = page.getLast().key();
        }
        return published;
    }

    private static long keptHistory(Channel channel, String queue, String source, List<String> types,
                                    KeptEvents kept, Bootstrap bootstrap)
            throws IOException, InterruptedException, TimeoutException {
        long upTo = kept.newestInHistory(source);
        long published = 0;
        long after = 0;
        for (List<KeptEvents.Past> page = kept.history(source, bootstrap.from(), after, upTo, PAGE); !page.isEmpty();
             page = kept.history(source, bootstrap.from(), after, upTo, PAGE)) {
            for (KeptEvents.Past event : page) {
                if (!types.isEmpty() && !types.contains(event.type())) {
                    continue;
                }
                Map<String, Object> headers = new HashMap<>();
                if (event.key() != null) {
                    PartitionKey.put(headers, event.key());
                }
                publish(channel, queue, null, Date.from(event.publishedAt()), headers, event.event());
                published++;
            }
            channel.waitForConfirmsOrDie(60_000);
            after = page.getLast().seq();
        }
        return published;
    }

    /**
     * Copies the source's stream from the bootstrap's time up to the mark it appends first. The stream starts at the
     * chunk holding that time, so events published before it are skipped here.
     */
    private static long streamHistory(BrokerConnection broker, Channel channel, String queue, String stream,
                                      List<String> types, Bootstrap bootstrap)
            throws IOException, InterruptedException, TimeoutException {
        try (Channel checking = broker.openChannel()) {
            checking.queueDeclarePassive(stream);
        } catch (IOException e) {
            throw new IOException("the source keeps no history stream (" + stream + "): is sluice.engine.keep-history "
                    + "0 on the engine instances?", e);
        }
        long markedAt = System.currentTimeMillis();
        try (Channel marking = broker.openChannel()) {
            marking.confirmSelect();
            marking.basicPublish("", stream, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .timestamp(new Date(markedAt)).headers(Map.of(CUT, bootstrap.token())).build(), new byte[0]);
            marking.waitForConfirmsOrDie(60_000);
        }
        BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
        long published = 0;
        try (Channel reading = broker.openChannel()) {
            reading.basicQos(PAGE);
            reading.basicConsume(stream, false, Map.of("x-stream-offset", Date.from(bootstrap.from())),
                    (tag, delivery) -> arrived.add(delivery), tag -> { });
            long graceUntil = Long.MAX_VALUE;
            long lastArrived = System.currentTimeMillis();
            while (true) {
                Delivery delivery = arrived.poll(100, TimeUnit.MILLISECONDS);
                long now = System.currentTimeMillis();
                if (delivery == null) {
                    if (now > graceUntil) {
                        break;
                    }
                    if (graceUntil == Long.MAX_VALUE && now - lastArrived > QUIET_MILLIS) {
                        throw new IOException("the history stream " + stream + " never reached the mark it was given");
                    }
                    continue;
                }
                lastArrived = now;
                reading.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                Map<String, Object> headers = delivery.getProperties().getHeaders();
                Object mark = headers == null ? null : headers.get(CUT);
                if (mark != null) {
                    if (bootstrap.token().equals(mark.toString())) {
                        graceUntil = now + GRACE_MILLIS;
                    }
                    continue;
                }
                if (now > graceUntil) {
                    break;
                }
                Date at = delivery.getProperties().getTimestamp();
                boolean beforeTheTime = at != null && at.toInstant().isBefore(bootstrap.from());
                boolean afterTheMark = graceUntil != Long.MAX_VALUE && (at == null || at.getTime() > markedAt);
                String type = delivery.getEnvelope().getRoutingKey();
                if (beforeTheTime || afterTheMark || !types.isEmpty() && !types.contains(type)) {
                    continue;
                }
                Map<String, Object> copied = headers == null ? new HashMap<>() : new HashMap<>(headers);
                copied.remove("x-stream-offset");
                channel.basicPublish("", queue, delivery.getProperties().builder().headers(copied).build(),
                        delivery.getBody());
                if (++published % PAGE == 0) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
        }
        channel.waitForConfirmsOrDie(60_000);
        return published;
    }

    private static void publish(Channel channel, String queue, String id, Date at, Map<String, Object> headers,
                                String event) throws IOException {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json").deliveryMode(2).messageId(id).timestamp(at)
                .headers(headers).build(), event.getBytes(StandardCharsets.UTF_8));
    }

    /** Until the keeper's queue holds nothing ready (up to a minute), and its last batch had time to be stored. */
    private static void awaitKeeper(BrokerConnection broker, String latestQueue)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Channel channel = broker.openChannel()) {
                if (channel.queueDeclarePassive(latestQueue).getMessageCount() == 0) {
                    break;
                }
            } catch (IOException e) {
                return;
            }
            Thread.sleep(100);
        }
        Thread.sleep(4 * LatestKeeper.LINGER_MILLIS);
    }

    /** Whether an event came from a snapshot (retries and dead letters keep the header). */
    static boolean isSnapshot(Map<String, Object> headers) {
        return headers != null && headers.containsKey(SNAPSHOT);
    }

    /** Whether this delivery is a bootstrap run's end marker. */
    static String endOf(Map<String, Object> headers) {
        Object token = headers == null ? null : headers.get(END);
        return token == null ? null : token.toString();
    }
}
