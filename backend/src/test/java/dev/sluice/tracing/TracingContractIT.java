package dev.sluice.tracing;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.Await;
import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.FlowJson;
import dev.sluice.tracing.OtlpReceiver.ReceivedSpan;

/**
 * An event's trace as a tracing system receives it over OTLP: the ingest request, then across the broker the flow
 * that took it, each node and each target's sending, all in one trace; a dead letter names its trace.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it",
                "management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=100ms"})
abstract class TracingContractIT {

    /** One for every context of this JVM (cached contexts keep exporting to it), so never stopped before the end. */
    static final OtlpReceiver collector = startCollector();

    @LocalServerPort
    int port;

    @Autowired
    BrokerConnection broker;

    private ApiCalls api;

    private static OtlpReceiver startCollector() {
        try {
            return new OtlpReceiver();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void exportToTheCollector(DynamicPropertyRegistry registry) {
        registry.add("SLUICE_TRACING_OTLP_ENDPOINT", collector::endpoint);
        registry.add("sluice.engine.queue-prefix", () -> "it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @BeforeEach
    void signIn() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void tracesAnEventFromIngestAcrossTheBrokerThroughEveryNodeToItsTarget() throws Exception {
        String exchange = "ws.finance.it-traced-" + UUID.randomUUID();
        String queue = bind(exchange);
        String flow = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        long id = deploy(flow, """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}""".formatted(exchange));

        ApiCalls.Response published = publish("""
                {"specversion":"1.0","id":"t-1","source":"/user-center/users","type":"user.created",
                 "data":{"userId":"U1","nationalId":"330108198511022463"}}""");

        assertThat(published.status()).as(published.body()).isEqualTo(202);
        ReceivedSpan flowSpan = collector.await("of the flow", span -> span.name().equals("flow finance/" + flow));
        ReceivedSpan ingest = collector.await("the flow's parent", span -> span.spanId().equals(flowSpan.parentSpanId()));
        assertThat(ingest.name()).as("across the broker, the ingest's child").isEqualTo("ingest user-center.users");
        assertThat(flowSpan.traceId()).as("one trace").isEqualTo(ingest.traceId());
        assertThat(ingest.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(ingest.attributes()).containsEntry("messaging.batch.message_count", "1");
        assertThat(ingest.service()).isEqualTo("sluice");
        assertThat(ingest.parentSpanId()).as("within the HTTP request's trace").isNotEmpty();
        collector.await("of the HTTP request in the same trace", span -> span.traceId().equals(ingest.traceId())
                && span.name().equals("http post /api/sources/{name}/events") && span.parentSpanId().isEmpty());
        assertThat(flowSpan.kind()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(flowSpan.attributes()).containsEntry("cloudevents.event_id", "t-1")
                .containsEntry("cloudevents.event_type", "user.created").containsEntry("sluice.flow.id", "" + id);
        collector.await("of the target's sending", span -> span.name().equals("send out")
                && span.parentSpanId().equals(flowSpan.spanId()));
        assertThat(collector.childrenOf(flowSpan)).extracting(ReceivedSpan::name)
                .containsExactlyInAnyOrder("node in", "node split", "node out", "send out");
        assertThat(collector.childrenOf(flowSpan)).noneMatch(ReceivedSpan::failed)
                .allSatisfy(span -> assertThat(span.traceId()).isEqualTo(ingest.traceId()));
        assertThat(collector.childrenOf(flowSpan).toString()).as("no payload value in any span")
                .doesNotContain("U1", "330108198511022463");

        String delivered = new String(receive(queue).getBody(), StandardCharsets.UTF_8);
        assertThat(FlowJson.parse(delivered).path("traceparent").asText())
                .as("the event carries the context ingest gave it").contains(ingest.traceId());
    }

    @Test
    void keepsThePublishersTraceAndNamesItOnTheDeadLetter() throws Exception {
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        refusing.start();
        try {
            String flow = "refused-" + UUID.randomUUID().toString().substring(0, 8);
            long id = deploy(flow, """
                    {"id": "out", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/in"}}"""
                    .formatted(refusing.getAddress().getPort()));
            String publishersTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

            publish("""
                    {"specversion":"1.0","id":"t-2","source":"/user-center/users","type":"user.created",
                     "traceparent":"00-%s-00f067aa0ba902b7-01","data":{"userId":"U2"}}""".formatted(publishersTrace));

            ReceivedSpan flowSpan = collector.await("of the refused event", span -> span.name().equals("flow finance/"
                    + flow));
            assertThat(flowSpan.traceId()).isEqualTo(publishersTrace);
            assertThat(flowSpan.parentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(flowSpan.failed()).isTrue();
            assertThat(flowSpan.attributes()).containsEntry("sluice.failure", "target-refused")
                    .containsEntry("sluice.failure.at", "out");
            await(() -> deadLetters(id).size() == 1, "the refused event is dead-lettered");
            assertThat(deadLetters(id).get(0).path("traceId").asText()).isEqualTo(publishersTrace);
        } finally {
            refusing.stop(0);
        }
    }

    private long deploy(String name, String target) throws InterruptedException {
        ApiCalls.Response created = api.call("POST", "/api/flows/import", "finance", """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId"]}}, %s],
                 "edges": [{"from": "in", "to": "split"}, {"from": "split", "to": "out"}], "tests": []}"""
                .formatted(name, target));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        ApiCalls.Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        await(() -> api.get("/api/flows/" + id + "/status", "finance").json().path("instance").path("state").asText()
                .equals("running"), "the engine runs the flow");
        return id;
    }

    private ApiCalls.Response publish(String event) {
        return api.call("POST", "/api/sources/user-center.users/events", "central", event,
                "Content-Type", "application/cloudevents+json");
    }

    private JsonNode deadLetters(long id) {
        return api.get("/api/flows/" + id + "/dead-letters", "finance").json().path("deadLetters");
    }

    private String bind(String exchange) throws Exception {
        String queue = "it.traced." + UUID.randomUUID();
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, false, false, true, null);
            channel.queueBind(queue, exchange, "#");
        }
        return queue;
    }

    private GetResponse receive(String queue) throws Exception {
        GetResponse message = Await.message(broker, queue);
        try (Channel channel = broker.openChannel()) {
            channel.queueDelete(queue);
        }
        return message;
    }
}
