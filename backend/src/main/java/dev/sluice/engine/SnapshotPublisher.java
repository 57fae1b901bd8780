package dev.sluice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.PartitionKey;

/**
 * Puts the snapshot of a flow's source (the latest event of every key, deletes included: {@link KeptEvents}) into the
 * flow's bootstrap queue, a page at a time with publisher confirms, then an end marker naming the run. Waits first
 * for the source's keeper to have kept every event published so far: the flow's own queue is bound by then, so each
 * event is in the snapshot, or queued live, or both — never in neither.
 */
final class SnapshotPublisher {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);
    /** The header of the end marker: the bootstrap run's token. */
    static final String END = "x-sluice-bootstrap-end";
    /** The header of each event of a snapshot: targets restate it ({@link dev.sluice.target.Delivery#restate}). */
    static final String SNAPSHOT = "x-sluice-snapshot";
    private static final int PAGE = 500;

    private SnapshotPublisher() {
    }

    static long publish(BrokerConnection broker, Topology topology, DeployedFlow flow, KeptEvents kept)
            throws IOException, InterruptedException, TimeoutException {
        String source = flow.flow().sourceNode().orElseThrow().config().path("source").asText();
        List<String> types = new java.util.ArrayList<>();
        flow.flow().sourceNode().orElseThrow().config().path("types").forEach(type -> types.add(type.asText()));
        awaitKeeper(broker, topology.latestQueue(source));
        String queue = topology.bootstrapQueue(flow.flowId());
        long published = 0;
        try (Channel channel = broker.openChannel()) {
            channel.queuePurge(queue);
            channel.confirmSelect();
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
                    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder()
                            .contentType("application/cloudevents+json").deliveryMode(2).messageId(event.id())
                            .timestamp(new Date()).headers(headers).build(),
                            event.event().getBytes(StandardCharsets.UTF_8));
                    published++;
                }
                channel.waitForConfirmsOrDie(60_000);
                after = page.getLast().key();
            }
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .headers(Map.of(END, flow.bootstrap())).build(), new byte[0]);
            channel.waitForConfirmsOrDie(60_000);
        }
        log.info("Flow {}/{}: {} event(s) of the snapshot of {} queued before its live events",
                flow.flow().workspace(), flow.flow().name(), published, source);
        return published;
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
