package dev.sluice.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

/**
 * The embedded default end to end, as a new user meets it: the packaged jar started plainly ({@code java -jar},
 * embedded broker and database in its data directory, demo flows off so that only the measured flow reads), one
 * flow of the finance workspace (source → select → mask → {@code target.rabbitmq}) paused while events of ~1 KB are
 * ingested over HTTP in batches (ingest events/s: the flow's queue fills), then resumed (drain events/s: until
 * every event is in a queue bound to the target's exchange). Against it, on the same embedded broker in the same
 * run, a raw relay: the same backlog drained by as many consumers as the engine has (2), each publishing every
 * message unchanged with confirms and acknowledging it once confirmed, into a queue of its own. Prints events/s,
 * drain/raw-relay and the goals (ingest at least 3,000/s, drain at least 5,000/s). Never fails a build;
 * {@code -Dbench.drain.events} (30,000) sizes it.
 */
public final class DrainOnJarBenchmark {

    /** A multiple of the ingest clients' number, each of which sends its share. */
    private static final int EVENTS = Integer.getInteger("bench.drain.events", 30_000) / 160 * 160;
    /** The engine's defaults: two consumers per flow, 100 unacknowledged events each. */
    private static final int CONSUMERS = 2;
    private static final int PREFETCH = 100;
    private static final String TARGET_EXCHANGE = "ws.finance.bench-drain";
    private static final String FLOW = """
            {"schemaVersion": 1, "name": "bench-drain", "workspace": "finance",
             "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users",
                        "types": ["user.payment.updated"]}},
                       {"id": "pick", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment"]}},
                       {"id": "mask", "kind": "mask", "config": {"rules": [{"path": "$.data.payment.bankAccount",
                        "mode": "partial", "keepLast": 4}]}},
                       {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "e"}}],
             "edges": [{"from": "in", "to": "pick"}, {"from": "pick", "to": "mask"}, {"from": "mask", "to": "out"}]}
            """.formatted(TARGET_EXCHANGE);

    private DrainOnJarBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("Embedded default end to end: %,d events of ~1 KB ingested over HTTP, then drained by "
                + "source -> select -> mask -> target.rabbitmq; a raw relay on the same broker%n", EVENTS);
        Path data = Files.createTempDirectory("sluice-bench-drain-");
        int amqpPort = SluiceProcess.freePort();
        try (SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), amqpPort,
                List.of("--sluice.demo.flows=false"), Map.of(), "sluice-bench-drain.log")) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri("amqp://sluice:" + Files.readString(data.resolve("keys").resolve("broker.password")).strip()
                    + "@127.0.0.1:" + amqpPort + "/default");
            try (Connection connection = factory.newConnection("bench-drain")) {
                String flowSink = sink(connection, TARGET_EXCHANGE, "bench.drain.flow-sink");
                SluiceApi api = new SluiceApi(sluice.baseUrl());
                long flow = api.importFlow("finance", FLOW);
                api.deployAndAwaitRunning("finance", flow);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                // warm-up: a tenth of the events through ingest and the flow
                IngestBenchmark.batches(http, sluice.baseUrl(), "user-center.users", EVENTS / 10);
                awaitCount(connection, flowSink, EVENTS / 10);
                purge(connection, flowSink);

                pauseOrResume(api, flow, "pause");
                double ingest = IngestBenchmark.batches(http, sluice.baseUrl(), "user-center.users", EVENTS);
                long started = System.nanoTime();
                pauseOrResume(api, flow, "resume");
                awaitCount(connection, flowSink, EVENTS);
                double drain = EVENTS / ((System.nanoTime() - started) / 1e9);

                double relay = rawRelay(connection);
                System.out.printf("  HTTP ingest, batches of 500   %,8.0f events/s (goal >= 3,000)%n"
                        + "  flow drain                    %,8.0f events/s (goal >= 5,000)%n"
                        + "  raw relay, same broker        %,8.0f events/s%n"
                        + "  drain / raw relay             %8.2f%n", ingest, drain, relay, drain / relay);
            }
        }
        System.exit(0);
    }

    /** A durable queue bound to {@code exchange} (declared as the target declares it), empty. */
    private static String sink(Connection connection, String exchange, String queue) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, "#");
            channel.queuePurge(queue);
        }
        return queue;
    }

    private static void purge(Connection connection, String queue) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.queuePurge(queue);
        }
    }

    private static void pauseOrResume(SluiceApi api, long flow, String action) {
        HttpResponse<String> answer = api.call("finance", "POST", "/api/flows/" + flow + "/" + action, null);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(action + " refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static void awaitCount(Connection connection, String queue, int events) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        try (Channel channel = connection.createChannel()) {
            while (System.nanoTime() < deadline) {
                if (channel.queueDeclarePassive(queue).getMessageCount() >= events) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(queue + " did not reach " + events + " events within 5 minutes");
    }

    /** Fills a queue with the events as ingest writes them, then relays it into another; events/s of the relay. */
    private static double rawRelay(Connection connection) throws Exception {
        String in = "bench.drain.relay-in";
        String out = sink(connection, "bench.drain.relay-out", "bench.drain.relay-sink");
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(in, true, false, false, null);
            channel.queuePurge(in);
            channel.confirmSelect();
            for (int i = 0; i < EVENTS; i++) {
                channel.basicPublish("", in, new AMQP.BasicProperties.Builder()
                        .contentType("application/cloudevents+json").deliveryMode(2).messageId("r" + i).build(),
                        IngestBenchmark.event("r" + i).getBytes(StandardCharsets.UTF_8));
                if (i % 500 == 499) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
        }
        long started = System.nanoTime();
        List<Channel> relays = new ArrayList<>();
        try {
            for (int i = 0; i < CONSUMERS; i++) {
                relays.add(relay(connection, in, "bench.drain.relay-out"));
            }
            awaitCount(connection, out, EVENTS);
            return EVENTS / ((System.nanoTime() - started) / 1e9);
        } finally {
            for (Channel relay : relays) {
                relay.close();
            }
        }
    }

    /**
     * One consumer that publishes each message to {@code exchange} on its own channel in confirm mode: deliveries
     * and publishes are numbered alike on one channel, so a confirm of publish n acknowledges delivery n.
     */
    private static Channel relay(Connection connection, String queue, String exchange) throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(PREFETCH);
        channel.confirmSelect();
        channel.addConfirmListener((sequence, multiple) -> channel.basicAck(sequence, multiple),
                (sequence, multiple) -> channel.basicNack(sequence, multiple, true));
        DeliverCallback relay = (tag, delivery) -> channel.basicPublish(exchange, "e", delivery.getProperties(),
                delivery.getBody());
        channel.basicConsume(queue, false, relay, tag -> { });
        return channel;
    }
}
