package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.sluice.LoopbackReach;
import dev.sluice.broker.RabbitMqNode;
import dev.sluice.engine.DeployedFlow;
import dev.sluice.engine.Engine;
import dev.sluice.engine.EngineProperties;
import dev.sluice.engine.PrivacyWatch;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.region.Region;
import dev.sluice.region.RegionLinkKeeper;
import dev.sluice.region.RegionLinks;
import dev.sluice.region.Regions;
import dev.sluice.source.EventIngest;

/**
 * End-to-end latency of one flow in the source's home region and the same flow in another region, fed by the same
 * events at a steady rate in one run: two RabbitMQ nodes of the benchmark's own (as the tests start them, from
 * {@code SLUICE_IT_RABBITMQ_SERVER}), an engine each, the link Sluice keeps between them. Prints p50 and p99 of each
 * and what the link adds (goal: cross-region p99 ≤ 2× same-region p99). {@code -Dbench.region.rate} (1,000/s) and
 * {@code -Dbench.region.seconds} (30, the first 5 not counted) size it. Never fails a build.
 */
public final class RegionLatencyBenchmark {

    private static final int RATE = Integer.getInteger("bench.region.rate", 1_000);
    private static final int SECONDS = Integer.getInteger("bench.region.seconds", 30);
    private static final int WARM_UP_SECONDS = 5;
    private static final List<String> PLUGINS = List.of("rabbitmq_management", "rabbitmq_shovel",
            "rabbitmq_shovel_management");
    private static final String SOURCE = "user-center.users";
    private static final String OUT = "ws.finance.latency-copy";
    private static final Pattern SENT = Pattern.compile("\"sentNanos\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String server = System.getenv(RabbitMqNode.SERVER);
        if (server == null || server.isBlank()) {
            System.out.println("Region latency benchmark skipped: set " + RabbitMqNode.SERVER
                    + " to the rabbitmq-server script (it starts two nodes of its own)");
            System.exit(0);
        }
        Path work = Files.createTempDirectory("sluice-bench-regions-");
        try (RabbitMqNode east = RabbitMqNode.start(Path.of(server), Files.createDirectories(work.resolve("east")),
                PLUGINS);
             RabbitMqNode north = RabbitMqNode.start(Path.of(server), Files.createDirectories(work.resolve("north")),
                     PLUGINS)) {
            run(east, north);
        }
        System.exit(0);
    }

    private static void run(RabbitMqNode east, RabbitMqNode north) throws Exception {
        Regions regions = new Regions("cn-east", List.of(region("cn-east", east), region("cn-north", north)));
        RegionLinks.Link link = new RegionLinks.Link(SOURCE, "cn-east", "cn-north");
        RegionLinkKeeper keeper = new RegionLinkKeeper(regions, new RegionLinks(regions, "bench"), () -> Set.of(link),
                new SimpleMeterRegistry());
        if (keeper.prepare(link, Duration.ofSeconds(30)).state() != RegionLinks.State.RUNNING) {
            throw new IllegalStateException("the link between the benchmark's regions did not run");
        }
        int total = RATE * SECONDS;
        int counted = RATE * (SECONDS - WARM_UP_SECONDS);
        System.out.printf("Region latency benchmark: %,d events/s for %d s (the first %d s not counted), one flow in "
                + "the source's region and one in another, two RabbitMQ nodes on this machine%n", RATE, SECONDS,
                WARM_UP_SECONDS);
        try (Engine inEast = engine(east); Engine inNorth = engine(north);
             Receiver atHome = new Receiver(east, total); Receiver there = new Receiver(north, total)) {
            inEast.reconcile(List.of(flow("cn-east")));
            inNorth.reconcile(List.of(flow("cn-north")));
            Thread.sleep(2_000);
            publishAtRate(east, total);
            atHome.await();
            there.await();
            double[] same = atHome.percentiles(total - counted);
            double[] cross = there.percentiles(total - counted);
            System.out.printf("same region:  p50 %.1f ms, p99 %.1f ms (%,d events arrived, the last %,d counted)%n",
                    same[0], same[1], atHome.count(), counted);
            System.out.printf("cross region: p50 %.1f ms, p99 %.1f ms (%,d events arrived, the last %,d counted)%n",
                    cross[0], cross[1], there.count(), counted);
            System.out.printf("the link adds p50 %.1f ms, p99 %.1f ms; cross/same p99 ratio %.2f (goal ≤ 2)%n",
                    cross[0] - same[0], cross[1] - same[1], cross[1] / same[1]);
        }
    }

    private static Region region(String name, RabbitMqNode node) {
        return new Region(name, node.amqpUri(), node.managementUri(), "guest", "guest", "/");
    }

    private static Engine engine(RabbitMqNode node) {
        return new Engine(node.connection(), NodeRegistry.builtIn(), new EngineProperties(100, 2,
                List.of(Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ofSeconds(5), "bench"),
                new SimpleMeterRegistry(), workspace -> name -> Optional.empty(), (flowId, reason) -> { },
                PrivacyWatch.NONE, LoopbackReach.INSTANCE);
    }

    private static DeployedFlow flow(String region) {
        return new DeployedFlow(1, 1, new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "latency-copy", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": ["user.updated"]}},
                           {"id": "pick", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.sentNanos"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "u"}}],
                 "edges": [{"from": "in", "to": "pick"}, {"from": "pick", "to": "out"}]}""".formatted(SOURCE, OUT),
                ValidationContext.standalone("finance")), false, null, null, region);
    }

    /** Publishes at home as ingest does, paced to the rate, with confirms; each event says when it was sent. */
    private static void publishAtRate(RabbitMqNode home, int total) throws Exception {
        long started = System.nanoTime();
        try (Channel channel = home.connection().openChannel()) {
            channel.confirmSelect();
            for (int n = 0; n < total; n++) {
                long due = started + n * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Map<String, Object> headers = new HashMap<>();
                headers.put(EventIngest.PUBLISHED_AT_HEADER, System.currentTimeMillis());
                channel.basicPublish(SOURCE, "user.updated", new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .contentType(EventIngest.CONTENT_TYPE).headers(headers).build(), """
                        {"specversion":"1.0","id":"l-%d","source":"/users","type":"user.updated","subject":"u%d",
                         "data":{"userId":"u%d","name":"a user of the benchmark","sentNanos":%d}}"""
                        .formatted(n, n % 1000, n % 1000, System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                if (n % 200 == 199) {
                    channel.waitForConfirmsOrDie(10_000);
                }
            }
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    /** Takes a region's target output and keeps each event's end-to-end latency, in arrival order. */
    private static final class Receiver implements AutoCloseable {

        private final Channel channel;
        private final CountDownLatch done;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        Receiver(RabbitMqNode node, int expected) throws Exception {
            done = new CountDownLatch(expected);
            channel = node.connection().openChannel();
            channel.exchangeDeclare(OUT, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, OUT, "#");
            channel.basicConsume(queue, true, (tag, delivery) -> {
                Matcher sent = SENT.matcher(new String(delivery.getBody(), StandardCharsets.UTF_8));
                if (sent.find()) {
                    latencies.add(System.nanoTime() - Long.parseLong(sent.group(1)));
                    done.countDown();
                }
            }, tag -> { });
        }

        void await() throws InterruptedException {
            if (!done.await(2, TimeUnit.MINUTES)) {
                System.out.printf("(%,d events did not arrive within 2 minutes)%n", done.getCount());
            }
        }

        int count() {
            return latencies.size();
        }

        /** p50 and p99 in milliseconds, leaving out the first {@code skipped} arrivals (the warm-up). */
        double[] percentiles(int skipped) {
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies.subList(Math.min(skipped, latencies.size()), latencies.size()));
            }
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6};
        }

        @Override
        public void close() throws Exception {
            channel.close();
        }
    }
}
