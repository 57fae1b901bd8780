package dev.sluice.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * HTTP ingest against a raw AMQP publisher on the same broker, in one run: the packaged jar as users start it
 * (embedded default) and, where {@code SLUICE_IT_AMQP_URI} and {@code SLUICE_IT_DATASOURCE_URL} are set, on
 * RabbitMQ and PostgreSQL. Events of ~1 KB go to the demo source {@code user-center.users} on the embedded default
 * (its demo flows take them, as they would a new user's), and on the shared RabbitMQ to a source the run registers,
 * which no other test's queue is bound to (its queues and exchange are deleted after): raw, published
 * persistent to its exchange in windows of {@value #BATCH} with confirms awaited once per window, by
 * {@value #CLIENTS} publishers; over HTTP, batches of {@value #BATCH} and single events, each by {@value #CLIENTS}
 * keep-alive clients. Prints events/s and the ratios to raw (goal: batch ≥ 0.7). Never fails a build;
 * {@code -Dbench.ingest.events} (16,000) sizes each part.
 */
public final class IngestBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.ingest.events", 16_000);
    private static final int BATCH = 500;
    private static final int CLIENTS = 16;
    /** The demo source's type, so the demo flows of the embedded default take these events as users' would. */
    static final String TYPE = "user.payment.updated";
    private static final String PADDING = "x".repeat(700);

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("HTTP ingest vs a raw AMQP publisher: %,d events of ~1 KB each way, %d clients%n", EVENTS,
                CLIENTS);
        measure("embedded default", Map.of(), null, null);
        String amqp = System.getenv("SLUICE_IT_AMQP_URI");
        String database = System.getenv("SLUICE_IT_DATASOURCE_URL");
        if (amqp != null && database != null) {
            String schema = "sluice_bench_" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> environment = new HashMap<>();
            environment.put("SLUICE_AMQP_URI", amqp);
            environment.put("SPRING_DATASOURCE_URL", database + (database.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema);
            environment.put("SPRING_DATASOURCE_USERNAME",
                    System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"));
            environment.put("SLUICE_DEMO", "true");
            environment.put("SLUICE_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
            measure("PostgreSQL + RabbitMQ", environment, List.of("--spring.flyway.schemas=" + schema,
                    "--spring.flyway.create-schemas=true", "--sluice.engine.queue-prefix=" + schema), schema);
        }
        System.exit(0);
    }

    /** {@code queuePrefix}: the queue prefix on a shared RabbitMQ, whose queues are deleted after; null otherwise. */
    private static void measure(String label, Map<String, String> environment, List<String> arguments,
                                String queuePrefix) throws Exception {
        Path data = Files.createTempDirectory("sluice-bench-ingest-");
        int amqpPort = SluiceProcess.freePort();
        try (SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), amqpPort,
                arguments == null ? List.of() : arguments, environment, "sluice-bench-ingest.log")) {
            String amqpUri = environment.containsKey("SLUICE_AMQP_URI") ? environment.get("SLUICE_AMQP_URI")
                    : "amqp://sluice:" + Files.readString(data.resolve("keys").resolve("broker.password")).strip()
                    + "@127.0.0.1:" + amqpPort + "/default";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String source = queuePrefix == null ? "user-center.users" : registered(sluice);
            try {
                batches(http, sluice.baseUrl(), source, EVENTS / 8); // warm-up
                raw(amqpUri, source, EVENTS / 8);
                double raw = raw(amqpUri, source, EVENTS);
                double batch = batches(http, sluice.baseUrl(), source, EVENTS);
                double single = singles(http, sluice.baseUrl(), source, EVENTS / 4);
                System.out.printf("%s:%n  raw AMQP publisher      %,8.0f events/s%n"
                        + "  HTTP batches of %d     %,8.0f events/s (%.2fx raw; goal >= 0.70)%n"
                        + "  HTTP single events     %,8.0f events/s (%.2fx raw)%n",
                        label, raw, BATCH, batch, batch / raw, single, single / raw);
            } finally {
                if (queuePrefix != null) {
                    deleteQueues(amqpUri, queuePrefix, source);
                }
            }
        }
    }

    /** A source of the run's own, owned by central-data. */
    private static String registered(SluiceProcess sluice) {
        String source = "bench.ingest-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = new SluiceApi(sluice.baseUrl()).call("admin", "POST", "/api/sources",
                "{\"name\": \"" + source + "\", \"owner\": \"central-data\", \"eventTypes\": [\"" + TYPE + "\"]}");
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("could not register " + source + ": " + answer.body());
        }
        return source;
    }

    /** The queues the run's Sluice kept for the source on the shared RabbitMQ (no flow reads it), and its exchange. */
    private static void deleteQueues(String amqpUri, String prefix, String source) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        try (Connection connection = factory.newConnection("bench-cleanup");
             Channel channel = connection.createChannel()) {
            for (String kept : List.of("history", "latest", "recent")) {
                channel.queueDelete(prefix + ".source." + source + "." + kept);
            }
            channel.exchangeDelete(source);
        }
    }

    private static double raw(String amqpUri, String source, int events) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        try (Connection connection = factory.newConnection("bench-raw")) {
            return timed(events, (client, count) -> {
                try (Channel channel = connection.createChannel()) {
                    channel.confirmSelect();
                    for (int sent = 0; sent < count; sent += BATCH) {
                        for (int i = 0; i < Math.min(BATCH, count - sent); i++) {
                            String id = client + "-" + (sent + i);
                            Map<String, Object> headers = new LinkedHashMap<>();
                            headers.put("sluice_published_ms", System.currentTimeMillis());
                            headers.put("sluice_key", "U" + id);
                            channel.basicPublish(source, TYPE, new AMQP.BasicProperties.Builder()
                                    .contentType("application/cloudevents+json").deliveryMode(2).messageId(id)
                                    .timestamp(new java.util.Date()).headers(headers).build(),
                                    event(id).getBytes(StandardCharsets.UTF_8));
                        }
                        channel.waitForConfirmsOrDie(60_000);
                    }
                }
            });
        }
    }

    /** Publishes {@code events} over HTTP in batches of {@value #BATCH}, {@value #CLIENTS} clients; events/s. */
    static double batches(HttpClient http, String baseUrl, String source, int events) throws Exception {
        return timed(events, (client, count) -> {
            for (int sent = 0; sent < count; sent += BATCH) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < Math.min(BATCH, count - sent); i++) {
                    body.append(i == 0 ? "" : ",").append(event(client + "-b" + (sent + i)));
                }
                post(http, baseUrl, source, "application/cloudevents-batch+json", body.append(']').toString());
            }
        });
    }

    private static double singles(HttpClient http, String baseUrl, String source, int events) throws Exception {
        return timed(events, (client, count) -> {
            for (int sent = 0; sent < count; sent++) {
                post(http, baseUrl, source, "application/cloudevents+json", event(client + "-s" + sent));
            }
        });
    }

    private static void post(HttpClient http, String baseUrl, String source, String contentType, String body)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/sources/" + source + "/events"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "central:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private interface Client {
        void send(int client, int count) throws Exception;
    }

    /** Events/s of {@value #CLIENTS} clients each sending its share of {@code events}. */
    private static double timed(int events, Client client) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int number = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    client.send(number, events / CLIENTS);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    e.printStackTrace();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " clients failed");
        }
        return events / ((System.nanoTime() - started) / 1e9);
    }

    static String event(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/user-center/users\","
                + "\"type\":\"" + TYPE + "\",\"subject\":\"U" + id + "\",\"time\":\"2026-12-06T10:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"userId\":\"U" + id + "\","
                + "\"name\":\"A user of the benchmark\",\"email\":\"user@example.com\","
                + "\"payment\":{\"bankAccount\":\"DE89370400440532013000\",\"reference\":\"PAY-2026-000012345678\"},\"notes\":\"" + PADDING + "\"}}";
    }
}
