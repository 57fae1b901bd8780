package dev.sluice.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.LoopbackReach;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.PartitionKey;
import dev.sluice.broker.RabbitMqNode;
import dev.sluice.engine.DeployedFlow;
import dev.sluice.engine.Engine;
import dev.sluice.engine.EngineProperties;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.PrivacyWatch;
import dev.sluice.json.Json;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

/**
 * Two regions, each a RabbitMQ node of its own (the test's, on free ports) with its engine: a source published in
 * cn-east reaches a flow in cn-east and the same flow in cn-north, through the link Sluice keeps, exactly alike,
 * while cn-north's broker is stopped for a minute mid-load: every event reaches cn-north's target, each key's
 * events in the order they were published. {@code -Dsluice.region.events=N} (default 8,000) and
 * {@code -Dsluice.region.down-seconds=S} (default 30) size it, small enough for CI's time.
 */
@EnabledIfEnvironmentVariable(named = RabbitMqNode.SERVER, matches = ".+")
class TwoRegionEnginesIT {

    static final List<String> PLUGINS = List.of("rabbitmq_management", "rabbitmq_shovel",
            "rabbitmq_shovel_management", "rabbitmq_consistent_hash_exchange");
    private static final int EVENTS = Integer.getInteger("sluice.region.events", 8_000);
    private static final Duration DOWN = Duration.ofSeconds(Integer.getInteger("sluice.region.down-seconds", 30));
    private static final int KEYS = 500;
    private static final String SOURCE = "user-center.users";
    private static final String OUT = "ws.finance.users-copy";
    private static final String RECEIVED = "it.received";

    @TempDir
    Path work;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aSourceReachesFlowsInItsHomeAndAnotherRegionAlikeAndInOrderAcrossTheOtherRegionsBrokerStopping()
            throws Exception {
        Path server = Path.of(System.getenv(RabbitMqNode.SERVER));
        RabbitMqNode east = started(RabbitMqNode.start(server, Files.createDirectories(work.resolve("east")), PLUGINS));
        RabbitMqNode north = started(RabbitMqNode.start(server, Files.createDirectories(work.resolve("north")),
                PLUGINS));
        Regions regions = new Regions("cn-east", List.of(RegionLinksIT.region("cn-east", east),
                RegionLinksIT.region("cn-north", north)));
        RegionLinks.Link link = new RegionLinks.Link(SOURCE, "cn-east", "cn-north");
        RegionLinkKeeper keeper = new RegionLinkKeeper(regions, new RegionLinks(regions, "it"), () -> Set.of(link),
                new SimpleMeterRegistry());
        keeper.keep();
        assertThat(keeper.states()).extracting(RegionLinks.LinkState::link).containsExactly(link);
        for (RabbitMqNode node : List.of(east, north)) {
            try (Channel channel = node.connection().openChannel()) {
                channel.exchangeDeclare(OUT, "topic", true);
                channel.queueDeclare(RECEIVED, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queueBind(RECEIVED, OUT, "#");
            }
        }
        Engine inEast = started(engine(east));
        Engine inNorth = started(engine(north));
        inEast.reconcile(List.of(flow("cn-east")));
        inNorth.reconcile(List.of(flow("cn-north")));
        await(() -> keeper.prepare(link, Duration.ZERO).state() == RegionLinks.State.RUNNING, "the link running");

        AtomicInteger confirmed = new AtomicInteger();
        Future<?> publishing = Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
            publish(east.connection(), confirmed);
            return null;
        });
        await(() -> confirmed.get() >= EVENTS / 4, "a quarter of the events published");
        north.stop();
        Thread.sleep(DOWN.toMillis());
        keeper.keep();
        assertThat(keeper.states().getFirst().state()).as("the link while cn-north is down")
                .isEqualTo(RegionLinks.State.DOWN);
        north.start();
        publishing.get(3, TimeUnit.MINUTES);

        Map<Integer, String> atHome = received(east, EVENTS);
        Map<Integer, String> there = received(north, EVENTS);
        assertThat(atHome).as("events at cn-east's target").hasSize(EVENTS);
        assertThat(there).as("cn-north's target has what cn-east's has").isEqualTo(atHome);
        keeper.keep();
        assertThat(keeper.states().getFirst()).as("the link once cn-north is back")
                .extracting(RegionLinks.LinkState::state, RegionLinks.LinkState::backlog)
                .containsExactly(RegionLinks.State.RUNNING, 0L);
    }

    private <T extends AutoCloseable> T started(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static Engine engine(RabbitMqNode node) {
        return new Engine(node.connection(), NodeRegistry.builtIn(), new EngineProperties(100, 2,
                List.of(Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ofSeconds(5), "it"),
                new SimpleMeterRegistry(), workspace -> name -> Optional.empty(), (flowId, reason) -> { },
                PrivacyWatch.NONE, LoopbackReach.INSTANCE);
    }

    /** Copies the source to the region's {@value #OUT} with a field selected, ordered by key over 4 partitions. */
    private static DeployedFlow flow(String region) {
        return new DeployedFlow(7, 1, new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "users-copy", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": ["user.updated"]}},
                           {"id": "pick", "kind": "select", "config": {"paths": ["$.data.seq", "$.data.name"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "u"}}],
                 "edges": [{"from": "in", "to": "pick"}, {"from": "pick", "to": "out"}]}""".formatted(SOURCE, OUT),
                ValidationContext.standalone("finance")), false, new KeyOrder("$.subject", 4), null, region);
    }

    /** Publishes every event at home as ingest does (key headers, confirms), each batch again until confirmed. */
    private static void publish(BrokerConnection home, AtomicInteger confirmed) throws InterruptedException {
        int batch = 200;
        for (int from = 0; from < EVENTS; from += batch) {
            while (true) {
                try (Channel channel = home.openChannel()) {
                    channel.confirmSelect();
                    for (int n = from; n < Math.min(EVENTS, from + batch); n++) {
                        String key = "user-" + n % KEYS;
                        Map<String, Object> headers = new HashMap<>();
                        PartitionKey.put(headers, key);
                        channel.basicPublish(SOURCE, "user.updated", new AMQP.BasicProperties.Builder()
                                .deliveryMode(2).contentType("application/cloudevents+json").messageId("e-" + n)
                                .headers(headers).build(), """
                                {"specversion":"1.0","id":"e-%d","source":"/users","type":"user.updated",
                                 "subject":"%s","data":{"seq":%d,"name":"name %d","phone":"13800000000"}}"""
                                .formatted(n, key, n, n).getBytes(StandardCharsets.UTF_8));
                    }
                    channel.waitForConfirmsOrDie(10_000);
                    confirmed.addAndGet(Math.min(batch, EVENTS - from));
                    break;
                } catch (Exception brokerAway) {
                    Thread.sleep(250);
                }
            }
            Thread.sleep(50);
        }
    }

    /**
     * The region's target output by event sequence number, until {@code expected} distinct ones came (or two
     * minutes passed), asserting that each key's events first arrived in publish order.
     */
    private static Map<Integer, String> received(RabbitMqNode node, int expected) throws Exception {
        await(() -> node.connection().isOpen(), "the test's connection again");
        Map<Integer, String> outputs = new LinkedHashMap<>();
        Map<String, Integer> lastOfKey = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(120);
        try (Channel channel = node.connection().openChannel()) {
            while (outputs.size() < expected && Instant.now().isBefore(deadline)) {
                GetResponse message = channel.basicGet(RECEIVED, true);
                if (message == null) {
                    Thread.sleep(100);
                    continue;
                }
                JsonNode event = Json.MAPPER.readTree(message.getBody());
                int seq = event.path("data").path("seq").asInt();
                String key = "user-" + seq % KEYS;
                if (outputs.putIfAbsent(seq, event.path("data").toString()) == null) {
                    Integer last = lastOfKey.put(key, seq);
                    if (last != null && last > seq) {
                        outOfOrder.add(key + ": " + seq + " after " + last);
                    }
                }
            }
        }
        assertThat(outOfOrder).as("events of a key out of publish order").isEmpty();
        return outputs;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
