package dev.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.ConfirmingPublisher;
import dev.sluice.broker.PartitionKey;
import dev.sluice.broker.TestBrokers;
import dev.sluice.engine.DeployedFlow;
import dev.sluice.engine.Engine;
import dev.sluice.engine.EngineProperties;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.PrivacyWatch;
import dev.sluice.flow.Flow;
import dev.sluice.json.Json;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.target.WorkspaceReach;
import dev.sluice.tracing.EventTracing;

/**
 * On one broker: (a) a raw relay (consume, publish with confirms, ack; no processing) and (b) the engine running
 * the finance sample flow with a {@code target.rabbitmq}, both draining a backlog of ~1 KB events, then both at a
 * fixed rate for end-to-end latency. Prints events/s of each, the ratio b/a, and p50/p99 latency of each.
 * Run with {@code ./mvnw -q -pl backend -Pbench verify}; {@code SLUICE_BENCH_AMQP_URI} names a RabbitMQ (the
 * embedded broker otherwise, with 30,000 and 1,000/s), {@code -Dbench.backlog} (100,000), {@code -Dbench.rate} (2,000/s) and
 * {@code -Dbench.seconds} (10) size the runs, {@code -Dbench.rounds} (2) how often each throughput run
 * is repeated (alternately; the best counts). Then the same flow drains {@code -Dbench.ordering.backlog} events
 * (20,000; 0 skips it) unordered, ordered, and ordered by key over 1, 2 and 4 partitions, printing each rate and
 * partitioned(4)/unordered. Last, unless {@code -Dbench.tracing=false}, the engine drains the backlog untraced and
 * traced (to an OTLP collector in this process) with 10 % and 100 % of events sampled, alternated, best of two each.
 * A benchmark, not a test: it never fails a build.
 */
public final class EngineBenchmark {

    /** Without a RabbitMQ the runs are scaled down to what the embedded broker carries. */
    private static final boolean EMBEDDED = System.getenv("SLUICE_BENCH_AMQP_URI") == null
            || System.getenv("SLUICE_BENCH_AMQP_URI").isBlank();
    private static final int BACKLOG = Integer.getInteger("bench.backlog", EMBEDDED ? 30_000 : 100_000);
    private static final int RATE = Integer.getInteger("bench.rate", EMBEDDED ? 1_000 : 2_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", EMBEDDED ? 1 : 2);
    private static final int ORDERING_BACKLOG = Integer.getInteger("bench.ordering.backlog",
            EMBEDDED ? 1_000 : 20_000);
    private static final boolean TRACING = Boolean.parseBoolean(System.getProperty("bench.tracing", "true"));
    private static final int KEYS = 1_000;
    private static final int CONSUMERS = 2;
    private static final int PREFETCH = 100;
    private static final Pattern SENT = Pattern.compile("\"id\":\"t(\\d+)-");

    private static final java.util.concurrent.atomic.AtomicLong flowIds =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private final BrokerConnection broker;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "bench.source." + run;
    private final String out = "ws.finance.bench-out-" + run;

    private EngineBenchmark(BrokerConnection broker) {
        this.broker = broker;
    }

    public static void main(String[] args) throws Exception {
        String uri = System.getenv("SLUICE_BENCH_AMQP_URI");
        try (TestBrokers.Connected broker = uri == null || uri.isBlank()
                ? TestBrokers.embedded(Files.createTempDirectory("sluice-bench-")) : TestBrokers.rabbitMq(uri)) {
            new EngineBenchmark(broker.connection()).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("Engine benchmark on %s: backlog %,d events of %d bytes, then %,d events/s for %d s%n",
                broker.serverProduct(), BACKLOG, event(0, "b").length, RATE, SECONDS);
        try (Channel setup = broker.openChannel()) {
            setup.exchangeDeclare(source, "topic", true);
            setup.exchangeDeclare(out, "topic", true);
            setup.queueDeclare(out, true, false, false, null);
            setup.queueBind(out, out, "#");
            // the same queue type as the engine's flow queue: quorum on RabbitMQ
            setup.queueDeclare(source + ".relay", true, false, false,
                    broker.isEmbedded() ? null : java.util.Map.of("x-queue-type", "quorum"));
        }

        // alternated, best of each, so neither gains from going second (a warmer broker, a shorter log)
        Drain relay = null;
        Drain engine = null;
        for (int round = 0; round < ROUNDS; round++) {
            engine = Drain.faster(engine, engineThroughput());
            relay = Drain.faster(relay, relayThroughput());
        }
        System.out.printf("throughput: raw relay %,.0f events/s, engine %,.0f events/s, ratio b/a %.2f%n",
                relay.rate(), engine.rate(), engine.rate() / relay.rate());
        System.out.printf("CPU per event drained: raw relay %s; engine %s%n", relay.cpu(), engine.cpu());

        double[] relayLatency = relayLatency();
        double[] engineLatency = engineLatency();
        System.out.printf("latency at %,d events/s: raw relay p50 %.1f ms p99 %.1f ms; engine p50 %.1f ms p99 %.1f ms;"
                + " p99 ratio %.2f%n", RATE, relayLatency[0], relayLatency[1], engineLatency[0], engineLatency[1],
                engineLatency[1] / relayLatency[1]);
        if (ORDERING_BACKLOG > 0) {
            ordering();
        }
        if (TRACING) {
            tracing();
        }
        try (Channel cleanup = broker.openChannel()) {
            cleanup.queueDelete(out);
            cleanup.queueDelete(source + ".relay");
            cleanup.exchangeDelete(source);
            cleanup.exchangeDelete(out);
        }
    }

    // (a) the raw relay

    /** A backlog drained: how fast, and the CPU it took per event. */
    private record Drain(double rate, CpuUse cpu) {

        static Drain faster(Drain best, Drain next) {
            return best == null || next.rate() > best.rate() ? next : best;
        }
    }

    private Drain relayThroughput() throws Exception {
        String queue = source + ".relay";
        fill("", queue, BACKLOG, "b");
        CpuUse.Meter cpu = CpuUse.start();
        long started = System.nanoTime();
        try (Relay relay = new Relay(queue, BACKLOG)) {
            relay.await();
        }
        double rate = BACKLOG / ((System.nanoTime() - started) / 1e9);
        CpuUse used = cpu.perEvent(BACKLOG);
        purge(out);
        return new Drain(rate, used);
    }

    private double[] relayLatency() throws Exception {
        String queue = source + ".relay";
        int total = RATE * SECONDS;
        List<Long> latencies = new ArrayList<>();
        try (Relay relay = new Relay(queue, total); Receiver receiver = new Receiver(total, latencies)) {
            publishAtRate("", queue, total);
            relay.await();
            receiver.await();
        }
        return percentiles(latencies);
    }

    /** Consume, publish with asynchronous confirms, ack on confirm: the least any relay must do. */
    private final class Relay implements AutoCloseable {

        private final CountDownLatch done;
        private final List<Channel> channels = new ArrayList<>();
        private final List<ConfirmingPublisher> publishers = new ArrayList<>();

        Relay(String queue, int expected) throws IOException {
            done = new CountDownLatch(expected);
            for (int i = 0; i < CONSUMERS; i++) {
                Channel channel = broker.openChannel();
                channel.basicQos(PREFETCH);
                ConfirmingPublisher publisher = new ConfirmingPublisher(broker::openChannel, "the relay");
                DeliverCallback relay = (tag, delivery) -> publisher.publish(out, "ledger",
                        delivery.getProperties(), delivery.getBody()).whenComplete((ok, error) -> {
                            try {
                                synchronized (channel) {
                                    channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                                }
                                done.countDown();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                channel.basicConsume(queue, false, relay, tag -> { });
                channels.add(channel);
                publishers.add(publisher);
            }
        }

        void await() throws InterruptedException {
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the relay did not finish");
            }
        }

        @Override
        public void close() throws Exception {
            for (Channel channel : channels) {
                channel.close();
            }
            publishers.forEach(ConfirmingPublisher::close);
        }
    }

    // (c) ordering: unordered, ordered as a whole, ordered by key over 1, 2 and 4 partitions

    /**
     * The same flow draining the same backlog of events of {@value #KEYS} keys (with their key headers, as ingest
     * writes them), once per ordering; prints events/s of each and partitioned(4)/unordered.
     */
    private void ordering() throws Exception {
        System.out.printf("ordering: backlog %,d events of %,d keys%n", ORDERING_BACKLOG, KEYS);
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        rates.put("unordered", orderedThroughput(false, null));
        rates.put("ordered (one consumer)", orderedThroughput(true, null));
        for (int partitions : new int[] {1, 2, 4}) {
            rates.put("by key, " + partitions + " partition(s)", orderedThroughput(false,
                    new KeyOrder("$.subject", partitions)));
        }
        rates.forEach((name, rate) -> System.out.printf("  %-24s %,8.0f events/s%n", name, rate));
        System.out.printf("ordering: by key over 4 partitions / unordered = %.2f (goal >= 0.8); "
                + "ordered (one consumer) / unordered = %.2f%n", rates.get("by key, 4 partition(s)")
                / rates.get("unordered"), rates.get("ordered (one consumer)") / rates.get("unordered"));
    }

    private double orderedThroughput(boolean ordered, KeyOrder keyOrder) throws Exception {
        DeployedFlow flow = financeFlow(ordered, keyOrder);
        try (Engine engine = engine()) {
            engine.reconcile(List.of(flow));
            engine.reconcile(List.of());
        }
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < ORDERING_BACKLOG; i++) {
                Map<String, Object> headers = new java.util.HashMap<>();
                String key = "users/U" + (i % KEYS);
                PartitionKey.put(headers, key);
                channel.basicPublish(source, "user.payment.updated", persistent().builder().headers(headers).build(),
                        keyedEvent(key));
                if (i % 1_000 == 999) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
        }
        long started;
        try (Engine engine = engine()) {
            engine.reconcile(List.of(flow));
            started = System.nanoTime();
            awaitCount(() -> engine.status(flow.flowId()).map(s -> s.out()).orElse(0L), ORDERING_BACKLOG);
        }
        double rate = ORDERING_BACKLOG / ((System.nanoTime() - started) / 1e9);
        purge(out);
        deleteQueues(flow);
        return rate;
    }

    private static byte[] keyedEvent(String subject) {
        String event = new String(event(0, "k"), StandardCharsets.UTF_8);
        return event.replace("\"type\":", "\"subject\":\"" + subject + "\",\"type\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    // (b) the engine

    /**
     * The cost of tracing: the same drain untraced, with 10 % and with 100 % of events traced, alternated over two
     * rounds (the JIT warms up along the way), the best of each.
     */
    private void tracing() throws Exception {
        double[] probabilities = {0, 0.1, 1.0};
        Drain[] best = new Drain[probabilities.length];
        for (int round = 0; round < Math.max(2, ROUNDS); round++) {
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] == 0) {
                    best[i] = Drain.faster(best[i], engineThroughput());
                    continue;
                }
                try (BenchTracing traced = new BenchTracing(probabilities[i])) {
                    best[i] = Drain.faster(best[i], engineThroughput(traced.tracing()));
                }
            }
        }
        System.out.printf("tracing: untraced %,.0f events/s (%s); 10 %% sampled %,.0f (%.2f of untraced, %s); "
                + "100 %% sampled %,.0f (%.2f, %s)%n", best[0].rate(), best[0].cpu(), best[1].rate(),
                best[1].rate() / best[0].rate(), best[1].cpu(), best[2].rate(), best[2].rate() / best[0].rate(),
                best[2].cpu());
    }

    private Drain engineThroughput() throws Exception {
        return engineThroughput(EventTracing.OFF);
    }

    private Drain engineThroughput(EventTracing tracing) throws Exception {
        DeployedFlow flow = financeFlow();
        try (Engine engine = engine()) {
            engine.reconcile(List.of(flow));
            engine.reconcile(List.of());
        }
        fill(source, "user.payment.updated", BACKLOG, "b");
        long started;
        CpuUse.Meter cpu;
        try (Engine engine = engine(tracing)) {
            engine.reconcile(List.of(flow));
            // timed from when its consumers are on the queue: starting a flow is not relaying
            cpu = CpuUse.start();
            started = System.nanoTime();
            awaitCount(() -> engine.status(flow.flowId()).map(s -> s.out()).orElse(0L), BACKLOG);
        }
        double rate = BACKLOG / ((System.nanoTime() - started) / 1e9);
        CpuUse used = cpu.perEvent(BACKLOG);
        purge(out);
        deleteQueues(flow);
        return new Drain(rate, used);
    }

    private double[] engineLatency() throws Exception {
        int total = RATE * SECONDS;
        List<Long> latencies = new ArrayList<>();
        DeployedFlow flow = financeFlow();
        try (Engine engine = engine(); Receiver receiver = new Receiver(total, latencies)) {
            engine.reconcile(List.of(flow));
            publishAtRate(source, "user.payment.updated", total);
            receiver.await();
        }
        deleteQueues(flow);
        return percentiles(latencies);
    }

    private void deleteQueues(DeployedFlow flow) throws Exception {
        try (Engine engine = engine()) {
            engine.deleteQueues(flow.flowId());
        }
    }

    private EngineProperties properties() {
        return new EngineProperties(PREFETCH, CONSUMERS, List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Duration.ofSeconds(10), "bench-" + run);
    }

    private Engine engine() {
        return engine(EventTracing.OFF);
    }

    private Engine engine(EventTracing tracing) {
        return new Engine(broker, NodeRegistry.builtIn(), properties(), new SimpleMeterRegistry(),
                workspace -> name -> Optional.empty(), (flowId, reason) -> { }, PrivacyWatch.NONE,
                WorkspaceReach.none(), tracing);
    }

    /** The finance sample flow, its HTTP target swapped for a {@code target.rabbitmq}. */
    private DeployedFlow financeFlow() throws IOException {
        return financeFlow(false, null);
    }

    private DeployedFlow financeFlow(boolean ordered, KeyOrder keyOrder) throws IOException {
        String json;
        try (InputStream in = EngineBenchmark.class.getResourceAsStream("/flows/valid/finance-payment-sync.flow.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
        for (var node : tree.withArray("nodes")) {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            if (object.path("kind").asText().equals("source")) {
                object.withObject("config").put("source", source);
            }
            if (object.path("kind").asText().equals("target.http")) {
                object.put("kind", "target.rabbitmq");
                object.set("config", Json.MAPPER.createObjectNode().put("exchange", out).put("routingKey", "ledger"));
            }
        }
        tree.remove("tests");
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(Json.MAPPER.writeValueAsString(tree),
                ValidationContext.standalone("finance"));
        return new DeployedFlow(flowIds.incrementAndGet(), 1, flow, ordered, keyOrder);
    }

    // events, publishing, measuring

    /** A ~1 KB payment change in CNY; the id carries the send time for latency. */
    private static byte[] event(long sentNanos, String kind) {
        String padding = "x".repeat(560);
        return """
                {"specversion":"1.0","id":"%s%d-%s","source":"/user-center/users","type":"user.payment.updated",
                 "time":"2026-11-20T08:02:00Z","datacontenttype":"application/json",
                 "data":{"userId":"U1042","changedAt":"2026-11-20T08:02:00Z","name":"Zhang San",
                 "nationalId":"330108199611071208","note":"%s",
                 "payment":{"method":"card","bankAccount":"6222975432319482345","bankName":"BOC",
                 "monthlyLimit":5000,"currency":"CNY"}}}""".formatted(kind, sentNanos, UUID.randomUUID(), padding)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void fill(String exchange, String routingKey, int count, String kind) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                channel.basicPublish(exchange, routingKey, persistent(), event(0, kind));
                if (i % 1_000 == 999) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
        }
    }

    private void publishAtRate(String exchange, String routingKey, int total) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = started + (long) i * 1_000_000_000L / RATE;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    if (wait > 200_000) {
                        Thread.sleep(0, 100_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                channel.basicPublish(exchange, routingKey, persistent(), event(System.nanoTime(), "t"));
            }
            channel.waitForConfirmsOrDie(60_000);
        }
    }

    /** Consumes the output queue and records each event's latency from its send time. */
    private final class Receiver implements AutoCloseable {

        private final CountDownLatch done;
        private final Channel channel;

        Receiver(int expected, List<Long> latencies) throws IOException {
            done = new CountDownLatch(expected);
            channel = broker.openChannel();
            channel.basicQos(500);
            channel.basicConsume(out, true, (tag, delivery) -> {
                Matcher sent = SENT.matcher(new String(delivery.getBody(), StandardCharsets.UTF_8));
                if (sent.find()) {
                    synchronized (latencies) {
                        latencies.add(System.nanoTime() - Long.parseLong(sent.group(1)));
                    }
                    done.countDown();
                }
            }, tag -> { });
        }

        void await() throws InterruptedException {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every event arrived");
            }
        }

        @Override
        public void close() throws Exception {
            channel.close();
        }
    }

    private static double[] percentiles(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (sorted.length * 0.50)] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6};
    }

    private void purge(String queue) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.queuePurge(queue);
        }
    }

    private static void awaitCount(java.util.function.LongSupplier count, long expected) throws InterruptedException {
        AtomicInteger idle = new AtomicInteger();
        long last = -1;
        while (count.getAsLong() < expected) {
            long now = count.getAsLong();
            if (now == last && idle.incrementAndGet() > 1_200) {
                throw new IllegalStateException("the engine stalled at " + now + " of " + expected);
            }
            last = now;
            // not more often: a status reads the latency percentiles, which costs the engine CPU the run measures
            Thread.sleep(50);
        }
    }

    private static AMQP.BasicProperties persistent() {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/cloudevents+json").build();
    }
}
