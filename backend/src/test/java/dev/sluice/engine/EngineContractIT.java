package dev.sluice.engine;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.Flow;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.platform.FreePort;

/** The engine on a real broker: delivery, confirms, malformed input, retries, dead letters, version switch. */
@SpringBootTest(classes = TestApplication.class,
        properties = "sluice.roles=designer")
abstract class EngineContractIT {

    private static final AtomicLong flowIds = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    @Autowired
    BrokerConnection broker;

    /** Each run has its own queue names, so runs against one RabbitMQ never see each other's events. */
    private final Topology topology = new Topology("it-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<String> boundQueues = new ArrayList<>();
    private long flowIdsBefore;
    private Engine engine;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer http;
    private final List<String> httpReceived = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Map<String, Integer> idempotencyKeys = new ConcurrentHashMap<>();
    private String source;

    @BeforeEach
    void startEngine() throws Exception {
        flowIdsBefore = flowIds.get();
        engine = new Engine(broker, NodeRegistry.builtIn(), new EngineProperties(50, 2,
                List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)), Duration.ofSeconds(5),
                topology.prefix()),
                meters, workspace -> name -> java.util.Optional.empty(), (flowId, reason) -> { },
                PrivacyWatch.NONE, dev.sluice.LoopbackReach.INSTANCE);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePort.find()), 0);
        http.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                httpReceived.add(new String(body, StandardCharsets.UTF_8));
                idempotencyKeys.merge(exchange.getRequestHeaders().getFirst("Idempotency-Key"), 1, Integer::sum);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        http.start();
        source = "it.source." + UUID.randomUUID();
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
        http.stop(0);
        TestQueues.delete(broker, topology, flowIdsBefore, flowIds.get(), boundQueues);
    }

    @Test
    void deliversOnlyTheSourceTypesToARabbitMqTargetWithStableMessageIds() throws Exception {
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        DeployedFlow flow = deploy("""
                {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "k"}}
                """.formatted(out), "[{\"from\": \"in\", \"to\": \"split\"}, {\"from\": \"split\", \"to\": \"out\"}]");
        String received = bindQueue(out, "k");

        publish("user.payment.updated", event("e1", "user.payment.updated"));
        publish("user.created", event("e2", "user.created"));
        publish("user.payment.updated", event("e3", "user.payment.updated"));

        List<GetResponse> messages = drain(received, 2);
        assertThat(messages).extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .allSatisfy(body -> assertThat(body).contains("\"userId\":\"U1\"").doesNotContain("secret"));
        assertThat(messages).extracting(m -> m.getProps().getMessageId()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(engine.status(flow.flowId()).orElseThrow().out()).isEqualTo(2);
    }

    @Test
    void timesEveryNodeOfAFlowOncePerEventTaggedByItsKind() throws Exception {
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        DeployedFlow flow = deploy("""
                {"id": "hide", "kind": "mask", "config": {"rules": [{"path": "$.data.nationalId", "mode": "partial"}]}},
                {"id": "pick", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "k"}}
                """.formatted(out), "[{\"from\": \"in\", \"to\": \"hide\"}, {\"from\": \"hide\", \"to\": \"pick\"},"
                + " {\"from\": \"pick\", \"to\": \"out\"}]");
        String received = bindQueue(out, "k");

        for (int i = 0; i < 3; i++) {
            publish("user.payment.updated", event("t" + i, "user.payment.updated"));
        }

        assertThat(drain(received, 3)).hasSize(3);
        for (String kind : List.of("source", "mask", "select", "target.rabbitmq")) {
            assertThat(meters.get("sluice.node.duration").tag("flowId", Long.toString(flow.flowId()))
                    .tag("kind", kind).timer().count()).as(kind).isEqualTo(3);
        }
        assertThat(meters.get("sluice.node.duration").tag("flowId", Long.toString(flow.flowId())).tag("node", "hide")
                .tag("flow", "finance/engine-it").timer().count()).isEqualTo(3);
    }

    @Test
    void deadLettersMalformedInputWithAReasonAndKeepsConsuming() throws Exception {
        DeployedFlow flow = deploy(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]");

        publish("user.payment.updated", "not json at all".getBytes(StandardCharsets.UTF_8));
        publish("user.payment.updated", """
                {"specversion":"1.0","source":"/u","type":"user.payment.updated","data":{}}""".getBytes());
        publish("user.payment.updated", event("ok", "user.payment.updated"));

        List<GetResponse> dead = drain(topology.deadLetterQueue(flow.flowId()), 2);
        assertThat(dead).extracting(m -> m.getProps().getHeaders().get(Headers.REASON).toString())
                .containsOnly("malformed");
        assertThat(dead).extracting(m -> m.getProps().getHeaders().get(Headers.LAST_ERROR).toString())
                .anySatisfy(error -> assertThat(error).contains("not a CloudEvent"))
                .anySatisfy(error -> assertThat(error).contains("$.id is required"));
        await(() -> httpReceived.size() == 1, "the valid event after the malformed ones is delivered");
    }

    @Test
    void readsEventsPublishedStraightToTheSourceInTheAmqpBindingsBinaryModeAndDeadLettersUnreadableOnes()
            throws Exception {
        DeployedFlow flow = deploy(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]");

        publish("user.payment.updated", binaryMode("cloudEvents_", "b1", "2026-01-31T12:00:00Z"), "{\"userId\":\"B1\"}");
        publish("user.payment.updated", binaryMode("cloudEvents:", "b2", "2026-01-31T12:00:00Z"), "{\"userId\":\"B2\"}");
        publish("user.payment.updated", binaryMode("cloudEvents_", "b3", "yesterday"), "{\"userId\":\"B3\"}");

        await(() -> httpReceived.size() == 2, "both readable binary-mode events are delivered");
        assertThat(httpReceived).anySatisfy(body -> assertThat(body).contains("\"id\":\"b1\"", "\"userId\":\"B1\"",
                "\"datacontenttype\":\"application/json\"", "\"traceparent\":\"00-abc\""));
        assertThat(httpReceived).anySatisfy(body -> assertThat(body).contains("\"id\":\"b2\""));
        GetResponse dead = drain(topology.deadLetterQueue(flow.flowId()), 1).get(0);
        assertThat(dead.getProps().getHeaders().get(Headers.REASON).toString()).isEqualTo("malformed");
        assertThat(dead.getProps().getHeaders().get(Headers.LAST_ERROR).toString()).contains("cloudEvents_time");
    }

    private static Map<String, Object> binaryMode(String prefix, String id, String time) {
        return Map.of(prefix + "specversion", "1.0", prefix + "id", id, prefix + "source", "/user-center/users",
                prefix + "type", "user.payment.updated", prefix + "time", time, prefix + "traceparent", "00-abc");
    }

    private void publish(String routingKey, Map<String, Object> headers, String json) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(source, routingKey, false, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .contentType("application/json").headers(headers).build(), json.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    @Test
    void retriesATransientlyFailingHttpTargetUntilItAcceptsWithTheSameIdempotencyKey() throws Exception {
        failuresLeft.set(2);
        DeployedFlow flow = deploy(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]");

        publish("user.payment.updated", event("r1", "user.payment.updated"));

        await(() -> httpReceived.size() == 1, "delivered after two 500s");
        assertThat(idempotencyKeys).hasSize(1);
        assertThat(engine.status(flow.flowId()).orElseThrow().retried()).isEqualTo(2);
        assertThat(count(topology.deadLetterQueue(flow.flowId()))).isZero();
    }

    @Test
    void countsEachNodesEventsInOutAndFailedOnceEachWithATargetsDeliveriesAsItsOut() throws Exception {
        failuresLeft.set(1);
        DeployedFlow flow = deploy("""
                {"id": "keep", "kind": "filter", "config": {"pattern": {"id": [{"prefix": "keep"}]}}},
                %s""".formatted(httpTarget()),
                "[{\"from\": \"in\", \"to\": \"keep\"}, {\"from\": \"keep\", \"to\": \"hook\"}]");

        publish("user.payment.updated", event("keep-1", "user.payment.updated"));
        publish("user.payment.updated", event("drop-1", "user.payment.updated"));
        publish("user.payment.updated", event("keep-2", "user.payment.updated"));

        await(() -> engine.status(flow.flowId()).orElseThrow().nodes().getOrDefault("hook",
                new FlowStatus.NodeCounts(0, 0, 0, null)).out() == 2, "the hook delivered both kept events");
        Map<String, FlowStatus.NodeCounts> nodes = engine.status(flow.flowId()).orElseThrow().nodes();
        assertThat(nodes.get("in")).as("three events, the retry not counted again")
                .extracting(FlowStatus.NodeCounts::in, FlowStatus.NodeCounts::out, FlowStatus.NodeCounts::failed)
                .containsExactly(3L, 3L, 0L);
        assertThat(nodes.get("keep")).as("drop-1 filtered out")
                .extracting(FlowStatus.NodeCounts::in, FlowStatus.NodeCounts::out, FlowStatus.NodeCounts::failed)
                .containsExactly(3L, 2L, 0L);
        assertThat(nodes.get("hook")).as("the first delivery refused with a 500, delivered on its retry")
                .extracting(FlowStatus.NodeCounts::in, FlowStatus.NodeCounts::out, FlowStatus.NodeCounts::failed)
                .containsExactly(2L, 2L, 1L);
        assertThat(nodes.get("hook").lastFailureAt()).isNotNull();
        assertThat(nodes.get("keep").lastFailureAt()).isNull();
    }

    @Test
    void deadLettersAfterTheLastRetryWithAttemptsAndErrors() throws Exception {
        failuresLeft.set(Integer.MAX_VALUE);
        DeployedFlow flow = deploy(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]");

        publish("user.payment.updated", event("d1", "user.payment.updated"));

        GetResponse dead = drain(topology.deadLetterQueue(flow.flowId()), 1).get(0);
        Map<String, Object> headers = dead.getProps().getHeaders();
        assertThat(headers.get(Headers.REASON).toString()).isEqualTo("retries-exhausted");
        assertThat(headers.get(Headers.NODE).toString()).isEqualTo("hook");
        assertThat(((Number) headers.get(Headers.ATTEMPT)).intValue()).isEqualTo(4);
        assertThat(headers.get(Headers.FIRST_ERROR).toString()).contains("answered 500");
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains("\"id\":\"d1\"");
    }

    @Test
    void switchesToANewVersionWithoutLosingEvents() throws Exception {
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        String node = """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "%s"}}""";
        DeployedFlow v1 = deploy(node.formatted(out, "v1"), "[{\"from\": \"in\", \"to\": \"out\"}]");
        String v1Queue = bindQueue(out, "v1");
        String v2Queue = bindQueue(out, "v2");
        for (int i = 0; i < 50; i++) {
            publish("user.payment.updated", event("a" + i, "user.payment.updated"));
        }
        DeployedFlow v2 = new DeployedFlow(v1.flowId(), 2, flow(node.formatted(out, "v2"),
                "[{\"from\": \"in\", \"to\": \"out\"}]"), false);

        engine.reconcile(List.of(v2));
        for (int i = 0; i < 50; i++) {
            publish("user.payment.updated", event("b" + i, "user.payment.updated"));
        }

        await(() -> count(v1Queue) + count(v2Queue) == 100, "all 100 events delivered by one version or the other");
        assertThat(count(v2Queue)).isGreaterThanOrEqualTo(50);
    }

    private String httpTarget() {
        return """
                {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events", "timeoutMs": 2000}}
                """.formatted(http.getAddress().getPort());
    }

    private DeployedFlow deploy(String nodes, String edges) {
        DeployedFlow deployed = new DeployedFlow(flowIds.incrementAndGet(), 1, flow(nodes, edges), false);
        engine.reconcile(List.of(deployed));
        assertThat(engine.isRunning(deployed.flowId())).as(String.valueOf(engine.failures())).isTrue();
        return deployed;
    }

    private Flow flow(String nodes, String edges) {
        return new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "engine-it", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": ["user.payment.updated"]}},
                           %s],
                 "edges": %s}""".formatted(source, nodes, edges), ValidationContext.standalone("finance"));
    }

    private static byte[] event(String id, String type) {
        return """
                {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s",
                 "data":{"userId":"U1","nationalId":"secret"}}""".formatted(id, type).getBytes(StandardCharsets.UTF_8);
    }

    private void publish(String routingKey, byte[] body) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(source, routingKey, false, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private String bindQueue(String exchange, String routingKey) throws Exception {
        String queue = "it.received." + UUID.randomUUID();
        boundQueues.add(queue);
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, routingKey);
        }
        return queue;
    }

    private long count(String queue) {
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<GetResponse> drain(String queue, int expected) throws Exception {
        List<GetResponse> got = Collections.synchronizedList(new ArrayList<>());
        Instant deadline = Instant.now().plusSeconds(20);
        try (Channel channel = broker.openChannel()) {
            while (got.size() < expected && Instant.now().isBefore(deadline)) {
                GetResponse response = channel.basicGet(queue, true);
                if (response == null) {
                    Thread.sleep(50);
                } else {
                    got.add(response);
                }
            }
        }
        assertThat(got).as("messages in " + queue).hasSize(expected);
        return got;
    }
}
