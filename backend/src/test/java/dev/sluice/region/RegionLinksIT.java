package dev.sluice.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.RabbitMqNode;

/**
 * Two regions, each a RabbitMQ node of its own with the federation and management plugins, started by the test on
 * free ports: a source linked from its home region into the other carries every event there in order, and unlinking
 * removes the link ({@link TwoRegionEnginesIT} stops the other region's broker mid-load). Runs where {@code SLUICE_IT_RABBITMQ_SERVER} names the {@code rabbitmq-server}
 * script (CI sets it); {@code -Dsluice.region.events=N} sets the events (default 2,000).
 *
 */
@EnabledIfEnvironmentVariable(named = RabbitMqNode.SERVER, matches = ".+")
class RegionLinksIT {

    private static final int EVENTS = Integer.getInteger("sluice.region.events", 2_000);
    private static final List<String> PLUGINS = List.of("rabbitmq_management", "rabbitmq_shovel",
            "rabbitmq_shovel_management");
    private static final String SOURCE = "user-center.users";
        private static final RegionLinks.Link LINK = new RegionLinks.Link(SOURCE, "cn-east", "cn-north");
    private static final String COPY = "flow.in-cn-north";

    @TempDir
    Path work;

    private RabbitMqNode east;
    private RabbitMqNode north;

    @AfterEach
    void stopNodes() {
        for (RabbitMqNode node : new RabbitMqNode[] {north, east}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aLinkedSourceReachesTheOtherRegionInOrderAndUnlinkingRemovesTheLink() throws Exception {
        RegionLinks links = startRegions();

        publish(0, EVENTS, Duration.ZERO);
        assertThat(firstArrivals(receive(range(0, EVENTS)), 0)).as("every event, in publish order")
                .isEqualTo(range(0, EVENTS));

        links.unlink(LINK);
        assertThat(links.linksInto("cn-north")).as("the links into cn-north").isEmpty();
        assertThat(links.state(LINK).state()).isEqualTo(RegionLinks.State.DOWN);
        Channel home = east.connection().openChannel();
        assertThatThrownBy(() -> home.queueDeclarePassive(links.bufferQueue(SOURCE, "cn-north")))
                .as("the queue kept at home for the other region").isInstanceOf(java.io.IOException.class);
        BrokerConnection.closeQuietly(home);
    }

    /** Starts both regions' brokers, the source's exchange and a flow's queue in cn-north, and links them. */
    private RegionLinks startRegions() throws Exception {
        Path server = Path.of(System.getenv(RabbitMqNode.SERVER));
        east = RabbitMqNode.start(server, java.nio.file.Files.createDirectories(work.resolve("cn-east")), PLUGINS);
        north = RabbitMqNode.start(server, java.nio.file.Files.createDirectories(work.resolve("cn-north")), PLUGINS);
        try (Channel channel = north.connection().openChannel()) {
            channel.queueDeclare(COPY, true, false, false, Map.of("x-queue-type", "quorum"));
        }
        RegionLinks links = new RegionLinks(new Regions("cn-north", List.of(region("cn-east", east),
                region("cn-north", north))), "sluice");
        links.link(LINK);
        try (Channel channel = north.connection().openChannel()) {
            channel.queueBind(COPY, SOURCE, "user.#");
        }
        await(() -> links.state(LINK).state() == RegionLinks.State.RUNNING, "the link running");
        assertThat(links.linksInto("cn-north")).containsExactly(LINK);
        return links;
    }

    static Region region(String name, RabbitMqNode node) {
        return new Region(name, node.amqpUri(), node.managementUri(), "guest", "guest", "/");
    }

    /** Publishes events {@code from} … {@code from + count - 1} at home, with confirms, spread over {@code over}. */
    private void publish(int from, int count, Duration over) throws Exception {
        long pause = over.toMillis() * 100 / count;
        try (Channel channel = east.connection().openChannel()) {
            channel.confirmSelect();
            for (int n = from; n < from + count; n++) {
                channel.basicPublish(SOURCE, "user.updated", new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .build(), String.valueOf(n).getBytes(StandardCharsets.UTF_8));
                if (n % 100 == 99) {
                    channel.waitForConfirmsOrDie(30_000);
                    Thread.sleep(pause);
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    /** Each event from {@code from} on once, where it first arrived (an earlier phase's may come again). */
    private static List<Integer> firstArrivals(List<Integer> arrived, int from) {
        return arrived.stream().filter(n -> n >= from).distinct().toList();
    }

    /**
     * The events of the other region's queue in the order they arrive, until each of {@code expected} came and
     * nothing more for a second (or two minutes passed).
     */
    private List<Integer> receive(List<Integer> expected) throws Exception {
        java.util.Set<Integer> missing = new java.util.HashSet<>(expected);
        List<Integer> received = new ArrayList<>();
        BlockingQueue<Integer> arrived = new LinkedBlockingQueue<>();
        try (Channel channel = north.connection().openChannel()) {
            channel.basicQos(500);
            channel.basicConsume(COPY, false, (tag, delivery) -> {
                arrived.add(Integer.parseInt(new String(delivery.getBody(), StandardCharsets.UTF_8)));
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                Integer next = arrived.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    received.add(next);
                    missing.remove(next);
                } else if (missing.isEmpty()) {
                    break;
                }
            }
        }
        return received;
    }

    private static List<Integer> range(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).boxed().toList();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
