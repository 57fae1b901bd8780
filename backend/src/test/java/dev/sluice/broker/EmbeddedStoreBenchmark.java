package dev.sluice.broker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import dev.sluice.platform.FreePort;

/**
 * Qpid's persistent stores side by side, as the embedded broker uses them: events of ~1 KB published persistent
 * to a source exchange bound to three durable queues (a flow's, the recent events', the latest-event keeper's), in
 * batches of 500 with confirms awaited once per batch as ingest does, by one publisher and by four at once; then
 * the three queues drained with acks as engines do. Prints events/s per store and the ratios. Never fails a build;
 * {@code -Dbench.store.events} (20,000) sizes it.
 */
public final class EmbeddedStoreBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.store.events", 20_000);
    private static final int BATCH = 500;
    private static final int QUEUES = 3;
    private static final byte[] EVENT = event();

    private EmbeddedStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("Embedded broker stores: %,d events of %,d bytes to %d durable queues each, batches of %d%n",
                EVENTS, EVENT.length, QUEUES, BATCH);
        List<double[]> figures = new ArrayList<>();
        for (EmbeddedBroker.Store store : EmbeddedBroker.Store.values()) {
            figures.add(measure(store));
        }
        double[] derby = figures.get(0);
        double[] bdb = figures.get(1);
        System.out.printf("BDB / Derby: publish %.2fx (1 publisher), %.2fx (4 publishers); drain %.2fx%n",
                bdb[0] / derby[0], bdb[1] / derby[1], bdb[2] / derby[2]);
        System.exit(0);
    }

    /** Events/s: published by one publisher, by four, and drained from the queues. */
    private static double[] measure(EmbeddedBroker.Store store) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-store-");
        EmbeddedBroker broker = EmbeddedBroker.start(new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1",
                "sluice"), EmbeddedBroker.newPassword(), dir, store);
        try (BrokerConnection connection = BrokerConnection.connect(broker.uri(), true)) {
            try (Channel channel = connection.openChannel()) {
                channel.exchangeDeclare("bench.source", "topic", true);
                for (int q = 0; q < QUEUES; q++) {
                    channel.queueDeclare("bench.q" + q, true, false, false, null);
                    channel.queueBind("bench.q" + q, "bench.source", "#");
                }
            }
            publish(connection, EVENTS / 10, 1); // warm-up
            drain(connection, EVENTS / 10);
            double one = publish(connection, EVENTS, 1);
            double drained = drain(connection, EVENTS);
            double four = publish(connection, EVENTS, 4);
            drain(connection, EVENTS);
            System.out.printf("%-6s publish %,8.0f events/s (1 publisher), %,8.0f events/s (4 publishers); "
                    + "drain %,8.0f events/s per queue%n", store, one, four, drained);
            return new double[] {one, four, drained};
        } finally {
            broker.close();
        }
    }

    private static double publish(BrokerConnection connection, int events, int publishers) throws Exception {
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Channel channel = connection.openChannel()) {
                    channel.confirmSelect();
                    AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2)
                            .contentType("application/cloudevents+json").build();
                    for (int sent = 0; sent < events / publishers; sent += BATCH) {
                        for (int i = 0; i < BATCH; i++) {
                            channel.basicPublish("bench.source", "user.updated", persistent, EVENT);
                        }
                        channel.waitForConfirmsOrDie(60_000);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return events / ((System.nanoTime() - started) / 1e9);
    }

    /** Consumes every queue at once, acking each event, until each has had {@code events}. */
    private static double drain(BrokerConnection connection, int events) throws Exception {
        CountDownLatch done = new CountDownLatch(QUEUES * events);
        List<Channel> channels = new ArrayList<>();
        long started = System.nanoTime();
        for (int q = 0; q < QUEUES; q++) {
            Channel channel = connection.openChannel();
            channel.basicQos(250);
            channel.basicConsume("bench.q" + q, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) throws java.io.IOException {
                    channel.basicAck(envelope.getDeliveryTag(), false);
                    done.countDown();
                }
            });
            channels.add(channel);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " events were not drained");
        }
        double rate = events / ((System.nanoTime() - started) / 1e9);
        for (Channel channel : channels) {
            channel.close();
        }
        return rate;
    }

    private static byte[] event() {
        String padding = "x".repeat(800);
        return ("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/user-center/users\",\"type\":\"user.updated\","
                + "\"subject\":\"U1\",\"data\":{\"userId\":\"U1\",\"name\":\"A user\",\"notes\":\"" + padding + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
