package dev.sluice.engine;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.sluice.json.Json;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.platform.FreePort;

/**
 * The engine under faults and load, on each backend: targets that fail for a while or for good, malformed input,
 * redeploy under load, two instances sharing a flow, an ordered flow, a script that keeps running out of budget.
 */
@SpringBootTest(classes = TestApplication.class, properties = "sluice.roles=designer")
abstract class EngineResilienceContractIT {

    static final AtomicLong flowIds = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000 + 500);
    private static final String TYPE = "user.payment.updated";
    /** The type of the malformed samples; every flow here takes it too. */
    private static final String SAMPLE_TYPE = "user.created";

    @Autowired
    BrokerConnection broker;

    final Topology topology = new Topology("it-" + UUID.randomUUID().toString().substring(0, 8));
    final List<Engine> engines = new ArrayList<>();
    private long flowIdsBefore;
    private final List<String> boundQueues = new ArrayList<>();
    private final Map<Long, String> paused = new ConcurrentHashMap<>();
    private HttpServer http;
    final List<String> httpReceived = new CopyOnWriteArrayList<>();
    /** Every request the HTTP target answered, in order: the event id and the status. */
    private final List<String> httpAnswers = new CopyOnWriteArrayList<>();
    /** Events (by id) the HTTP target answers with 500; asked once per request. */
    private volatile Predicate<String> refuses = id -> false;
    private volatile Instant failUntil = Instant.MIN;
    /** When set, the HTTP target answers 500 for this long from the first request it gets. */
    private volatile Duration outage;
    final AtomicBoolean alwaysFail = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    private String source;

    @BeforeEach
    void startHttpTarget() throws Exception {
        flowIdsBefore = flowIds.get();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePort.find()), 0);
        http.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Duration outageFromFirstRequest = outage;
            if (outageFromFirstRequest != null && failUntil == Instant.MIN) {
                failUntil = Instant.now().plus(outageFromFirstRequest);
            }
            String id = Json.MAPPER.readTree(body).path("id").asText();
            if (alwaysFail.get() || Instant.now().isBefore(failUntil) || refuses.test(id)) {
                refused.incrementAndGet();
                httpAnswers.add(id + " 500");
                exchange.sendResponseHeaders(500, -1);
            } else {
                httpReceived.add(id);
                httpAnswers.add(id + " 204");
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        source = "it.source." + UUID.randomUUID();
    }

    @AfterEach
    void stopEverything() throws Exception {
        engines.forEach(Engine::close);
        http.stop(0);
        TestQueues.delete(broker, topology, flowIdsBefore, flowIds.get(), boundQueues);
    }

    @Test
    void deliversEveryEventOnceAnHttpTargetRecoversFromAnOutage() throws Exception {
        // retries 1, 3, 8, 18 and 38 s after the first try: the last falls after the 30 s outage
        Engine engine = engine(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(20)));
        outage = Duration.ofSeconds(30);
        DeployedFlow flow = deploy(engine, flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), false);

        List<String> ids = publishMany(200, "o");

        await(() -> new HashSet<>(httpReceived).containsAll(ids), Duration.ofSeconds(90),
                "every event delivered after the 30 s outage");
        assertThat(httpReceived).hasSize(ids.size());
        assertThat(refused.get()).as("answers 500 during the outage").isPositive();
        assertThat(count(topology.deadLetterQueue(flow.flowId()))).isZero();
    }

    @Test
    void deadLettersEveryEventForATargetThatAlwaysFailsAndReplaysThemOnceFixed() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
        alwaysFail.set(true);
        DeployedFlow flow = deploy(engine, flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), false);

        List<String> ids = publishMany(50, "f");

        await(() -> count(topology.deadLetterQueue(flow.flowId())) == ids.size(), Duration.ofSeconds(30),
                "all 50 events dead-lettered");
        List<DeadLetters.DeadLetter> dead = engine.deadLetters().list(flow.flowId(), 100);
        assertThat(dead).hasSize(50).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo("retries-exhausted");
            assertThat(letter.node()).isEqualTo("hook");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.lastError()).contains("500");
        });
        assertThat(httpReceived).isEmpty();

        alwaysFail.set(false);
        assertThat(engine.deadLetters().replay(flow.flowId(), null, List.of())).isEqualTo(50);

        await(() -> httpReceived.size() == 50, Duration.ofSeconds(20), "replayed events delivered");
        assertThat(httpReceived).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(count(topology.deadLetterQueue(flow.flowId()))).isZero();
    }

    @Test
    void aListingOfDeadLettersLeavesThemAllCountableAtOnceForAReplay() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100)));
        long flowId = flowIds.incrementAndGet();
        String dead = topology.deadLetterQueue(flowId);
        try (Channel channel = broker.openChannel()) {
            // as the engine declares it: a quorum queue on RabbitMQ, which takes back a closed channel's events later
            channel.queueDeclare(dead, true, false, false,
                    broker.isEmbedded() ? null : java.util.Map.of("x-queue-type", "quorum"));
            channel.confirmSelect();
            for (int i = 0; i < 20; i++) {
                channel.basicPublish("", dead, persistent(), event("listed-" + i));
            }
            channel.waitForConfirmsOrDie(5_000);
        }

        for (int round = 0; round < 20; round++) {
            assertThat(engine.deadLetters().list(flowId, 100)).hasSize(20);
            assertThat(count(dead)).as("ready right after listing, round " + round).isEqualTo(20);
        }
    }

    @Test
    void deadLettersTheInvalidSamplesWithAReasonAndProcessesTheOddButValidOnes() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100)));
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        DeployedFlow flow = deploy(engine, flow(rabbitTarget(out, "k"), "[{\"from\": \"in\", \"to\": \"out\"}]"),
                false);
        String received = bindQueue(out, "k");
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/samples/malformed-events.txt"));

        for (String line : lines) {
            publish(SAMPLE_TYPE, line.getBytes(StandardCharsets.UTF_8));
        }
        publish(TYPE, event("after-the-samples"));

        await(() -> count(received) + count(topology.deadLetterQueue(flow.flowId())) >= lines.size() + 1,
                Duration.ofSeconds(20), "every sample either delivered or dead-lettered");
        List<String> delivered = drain(received).stream().map(m -> idIn(m.getBody())).toList();
        List<DeadLetters.DeadLetter> dead = engine.deadLetters().list(flow.flowId(), 100);
        assertThat(delivered).containsExactlyInAnyOrder("bad-5", "bad-6", "bad-8", "after-the-samples");
        assertThat(dead).hasSize(5).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo("malformed");
            assertThat(letter.lastError()).isNotBlank();
        });
        assertThat(engine.isRunning(flow.flowId())).isTrue();
    }

    @Test
    void redeployUnderLoadLosesNothingAndNoEventIsProcessedByBothVersions() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100)));
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        String edges = "[{\"from\": \"in\", \"to\": \"out\"}]";
        DeployedFlow v1 = deploy(engine, flow(rabbitTarget(out, "v1"), edges), false);
        String v1Queue = bindQueue(out, "v1");
        String v2Queue = bindQueue(out, "v2");
        DeployedFlow v2 = new DeployedFlow(v1.flowId(), 2, flow(rabbitTarget(out, "v2"), edges), false);

        int total = 3_000;
        long started = System.nanoTime();
        Thread publisher = Thread.ofPlatform().start(() -> publishAtRate(total, 1_000, "load"));
        Thread.sleep(1_500);
        engine.reconcile(List.of(v2));
        publisher.join();
        System.out.printf("redeploy under load: %d events published at %.0f events/s%n", total,
                total / ((System.nanoTime() - started) / 1e9));

        await(() -> count(v1Queue) + count(v2Queue) >= total, Duration.ofSeconds(30), "all events delivered");
        Thread.sleep(500);
        List<String> byV1 = drain(v1Queue).stream().map(m -> idIn(m.getBody())).toList();
        List<String> byV2 = drain(v2Queue).stream().map(m -> idIn(m.getBody())).toList();
        assertThat(byV1).as("v1 processed some").isNotEmpty().doesNotHaveDuplicates();
        assertThat(byV2).as("v2 processed the rest").isNotEmpty().doesNotHaveDuplicates();
        assertThat(byV1).doesNotContainAnyElementsOf(byV2);
        Set<String> all = new HashSet<>(byV1);
        all.addAll(byV2);
        assertThat(all).hasSize(total);
    }

    @Test
    void twoEnginesShareAFlowsWorkAndDeliverEachEventOnce() throws Exception {
        Engine first = engine(List.of(Duration.ofMillis(100)));
        Engine second = engine(List.of(Duration.ofMillis(100)));
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        Flow definition = flow(rabbitTarget(out, "k"), "[{\"from\": \"in\", \"to\": \"out\"}]");
        DeployedFlow flow = deploy(first, definition, false);
        second.reconcile(List.of(flow));
        String received = bindQueue(out, "k");

        List<String> ids = publishMany(1_000, "s");

        await(() -> count(received) >= ids.size(), Duration.ofSeconds(30), "all events delivered");
        assertThat(drain(received).stream().map(m -> idIn(m.getBody())).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        long byFirst = first.status(flow.flowId()).orElseThrow().in();
        long bySecond = second.status(flow.flowId()).orElseThrow().in();
        assertThat(byFirst).as("the first engine's share").isPositive();
        assertThat(bySecond).as("the second engine's share").isPositive();
        assertThat(byFirst + bySecond).isEqualTo(ids.size());
    }

    @Test
    void orderedFlowHasOneActiveConsumerAcrossEnginesAndKeepsTheSourceOrder() throws Exception {
        Engine first = engine(List.of(Duration.ofMillis(100)));
        Engine second = engine(List.of(Duration.ofMillis(100)));
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        Flow definition = flow(rabbitTarget(out, "k"), "[{\"from\": \"in\", \"to\": \"out\"}]");
        DeployedFlow flow = deploy(first, definition, true);
        second.reconcile(List.of(flow));
        String received = bindQueue(out, "k");

        List<String> ids = publishMany(300, "a");
        await(() -> count(received) >= ids.size(), Duration.ofSeconds(30), "the first 300 events delivered");
        assertThat(drain(received).stream().map(m -> idIn(m.getBody())).toList()).containsExactlyElementsOf(ids);
        long byFirst = first.status(flow.flowId()).orElseThrow().in();
        long bySecond = second.status(flow.flowId()).orElseThrow().in();
        assertThat(List.of(byFirst, bySecond)).as("one engine took every event").containsExactlyInAnyOrder(0L, 300L);

        Engine active = byFirst > 0 ? first : second;
        active.close();
        engines.remove(active);
        List<String> more = publishMany(100, "b");
        await(() -> count(received) >= more.size(), Duration.ofSeconds(30), "the other engine took over");
        assertThat(drain(received).stream().map(m -> idIn(m.getBody())).toList()).containsExactlyElementsOf(more);
    }

    @Test
    void orderedFlowRetriesAFailedEventInPlaceSoNoLaterEventOvertakesIt() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("ord-" + i + "-" + UUID.randomUUID());
        }
        String flaky = ids.get(5);
        String hopeless = ids.get(20);
        AtomicInteger flakyRefusals = new AtomicInteger();
        refuses = id -> id.equals(hopeless) || id.equals(flaky) && flakyRefusals.incrementAndGet() <= 2;
        DeployedFlow flow = deploy(engine, flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), true);

        publishAll(ids);

        await(() -> httpReceived.size() == ids.size() - 1 && count(topology.deadLetterQueue(flow.flowId())) == 1,
                Duration.ofSeconds(30), "every event delivered but the hopeless one, which is dead-lettered");
        assertThat(httpReceived).as("delivered in the source's order")
                .containsExactlyElementsOf(ids.stream().filter(id -> !id.equals(hopeless)).toList());
        assertThat(httpAnswers.subList(httpAnswers.indexOf(flaky + " 500"), httpAnswers.indexOf(flaky + " 204") + 1))
                .as("nothing else reached the target while the flaky event was retried")
                .containsExactly(flaky + " 500", flaky + " 500", flaky + " 204");
        assertThat(httpAnswers.subList(httpAnswers.indexOf(hopeless + " 500"), httpAnswers.indexOf(ids.get(21) + " 204")))
                .as("the hopeless event was tried four times before the next one went out")
                .containsExactly(hopeless + " 500", hopeless + " 500", hopeless + " 500", hopeless + " 500");
        DeadLetters.DeadLetter dead = engine.deadLetters().list(flow.flowId(), 10).getFirst();
        assertThat(dead.reason()).isEqualTo("retries-exhausted");
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(count(topology.retryQueue(flow.flowId(), 0))).isZero();
    }

    @Test
    void anOrderedFlowsCountOfTriesSurvivesAnEngineRestartOnRabbitMq() throws Exception {
        List<Duration> delays = List.of(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));
        Engine first = engine(delays);
        String hopeless = "hopeless-" + UUID.randomUUID();
        refuses = id -> id.equals(hopeless);
        DeployedFlow flow = deploy(first, flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), true);

        publishAll(List.of(hopeless));
        await(() -> httpAnswers.stream().filter((hopeless + " 500")::equals).count() == 2, Duration.ofSeconds(20),
                "two tries by the first engine");
        first.close();
        engines.remove(first);
        Engine second = engine(delays);
        second.reconcile(List.of(flow));

        await(() -> count(topology.deadLetterQueue(flow.flowId())) == 1, Duration.ofSeconds(30), "dead-lettered");
        DeadLetters.DeadLetter dead = second.deadLetters().list(flow.flowId(), 1).getFirst();
        // the quorum queue counts what it handed out; the embedded broker keeps no count, so there it starts again
        int expected = broker.isEmbedded() ? 2 + 4 : 4;
        assertThat(httpAnswers.stream().filter((hopeless + " 500")::equals).count()).isEqualTo(expected);
        assertThat(dead.attempts()).as("the last try's number").isEqualTo(4);
    }

    @Test
    void orderedByKeyKeepsEachKeysOrderOverFourPartitionsAndTwoEnginesRetriesIncluded() throws Exception {
        Engine first = engine(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)));
        Engine second = engine(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)));
        java.util.Random random = new java.util.Random(17);
        Map<String, String> keyOf = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> refusalsLeft = new ConcurrentHashMap<>();
        refuses = id -> refusalsLeft.getOrDefault(id, new AtomicInteger()).getAndDecrement() > 0;
        DeployedFlow flow = new DeployedFlow(flowIds.incrementAndGet(), 1,
                flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), false, new KeyOrder("$.subject", 4));
        topology.declare(broker, flow, 3);

        List<String> ids = new ArrayList<>();
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < 600; i++) {
                String key = "user-" + random.nextInt(24);
                String id = "k-" + i + "-" + UUID.randomUUID();
                keyOf.put(id, key);
                if (random.nextInt(10) == 0) {
                    refusalsLeft.put(id, new AtomicInteger(1 + random.nextInt(2)));
                }
                // a few keys' events come by AMQP without the key headers, as from a publisher other than ingest
                boolean withHeaders = !key.endsWith("3");
                channel.basicPublish(source, TYPE, false, keyed(withHeaders ? key : null), keyedEvent(id, key));
                ids.add(id);
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        List<Long> spread = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            spread.add(count(topology.partitionQueue(flow.flowId(), index)));
        }
        assertThat(spread.stream().mapToLong(Long::longValue).sum()).as("every event in one partition").isEqualTo(600);
        assertThat(spread).as("events of 24 keys spread over the 4 partitions").allMatch(n -> n >= 30);
        first.reconcile(List.of(flow));
        second.reconcile(List.of(flow));
        assertThat(first.isRunning(flow.flowId()) && second.isRunning(flow.flowId())).as(first.failures() + " "
                + second.failures()).isTrue();

        await(() -> new HashSet<>(httpReceived).containsAll(ids), Duration.ofSeconds(60), "every event delivered");
        assertThat(httpReceived).hasSize(ids.size());
        assertThat(refused.get()).as("some events were refused and retried").isPositive();
        Map<String, List<String>> published = new java.util.LinkedHashMap<>();
        ids.forEach(id -> published.computeIfAbsent(keyOf.get(id), key -> new ArrayList<>()).add(id));
        Map<String, List<String>> tried = new java.util.LinkedHashMap<>();
        for (String answer : httpAnswers) {
            String id = answer.substring(0, answer.indexOf(' '));
            List<String> ofKey = tried.computeIfAbsent(keyOf.get(id), key -> new ArrayList<>());
            if (ofKey.isEmpty() || !ofKey.getLast().equals(id)) {
                ofKey.add(id);
            }
        }
        assertThat(tried).as("each key's events reached the target in publish order, each one's retries before "
                + "the next one's first try").isEqualTo(published);
        assertThat(first.status(flow.flowId()).orElseThrow().in() + second.status(flow.flowId()).orElseThrow().in())
                .isEqualTo(ids.size());
        for (int index = 0; index < 4; index++) {
            assertThat(count(topology.partitionQueue(flow.flowId(), index))).isZero();
        }
        assertThat(count(topology.deadLetterQueue(flow.flowId()))).isZero();
    }

    /** Properties of an event as ingest publishes it: with its key's headers, or none when {@code key} is null. */
    private static AMQP.BasicProperties keyed(String key) {
        Map<String, Object> headers = new java.util.HashMap<>();
        if (key != null) {
            dev.sluice.broker.PartitionKey.put(headers, key);
        }
        return new AMQP.BasicProperties.Builder().deliveryMode(2).headers(headers).build();
    }

    private static byte[] keyedEvent(String id, String subject) {
        return """
                {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s","subject":"%s",
                 "data":{"userId":"%s","amount":12.5}}""".formatted(id, TYPE, subject, subject)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pausesAFlowWhoseScriptKeepsRunningOutOfItsBudget() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100)));
        DeployedFlow flow = deploy(engine, flow("""
                {"id": "spin", "kind": "script", "config": {"code": "function process(event) { while (true) {} }"}},
                {"id": "out", "kind": "target.log", "config": {}}
                """, "[{\"from\": \"in\", \"to\": \"spin\"}, {\"from\": \"spin\", \"to\": \"out\"}]"), false);

        publishMany(5, "spin");

        await(() -> paused.containsKey(flow.flowId()), Duration.ofSeconds(60), "the flow is paused");
        assertThat(paused.get(flow.flowId())).contains("3 events in a row").contains("spin");
    }

    @Test
    void doesNotPauseAFlowWhoseScriptFailsOtherwiseEvenWhenTheFailureMentionsABudget() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100)));
        DeployedFlow flow = deploy(engine, flow("""
                {"id": "thrower", "kind": "script",
                 "config": {"code": "function process(event) { throw new Error('over budget, limit of 1'); }"}},
                {"id": "out", "kind": "target.log", "config": {}}
                """, "[{\"from\": \"in\", \"to\": \"thrower\"}, {\"from\": \"thrower\", \"to\": \"out\"}]"),
                false);

        publishMany(5, "thrower");

        await(() -> count(topology.deadLetterQueue(flow.flowId())) == 5, Duration.ofSeconds(30),
                "all five events dead-lettered");
        assertThat(engine.deadLetters().list(flow.flowId(), 10)).hasSize(5).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo("node-failed");
            assertThat(letter.lastError()).contains("threw Error").contains("budget");
        });
        Thread.sleep(500);
        assertThat(paused).as("a thrown error is not a budget failure, whatever its wording").isEmpty();
        assertThat(engine.isRunning(flow.flowId())).isTrue();
    }

    @Test
    void countsEventsWaitingForARetryAsRetryingAndShowsTheLastFailureWhileATargetIsDown() throws Exception {
        Engine engine = engine(List.of(Duration.ofSeconds(60)));
        DeployedFlow flow = deployToUnreachableTarget(engine, false);

        publishMany(3, "down");

        await(() -> engine.status(flow.flowId()).orElseThrow().retrying() == 3, Duration.ofSeconds(30),
                "three events waiting for their retry");
        FlowStatus.LastFailure last = engine.status(flow.flowId()).orElseThrow().lastFailure();
        assertThat(last.node()).isEqualTo("hook");
        assertThat(last.error()).contains("connection refused");
        assertThat(last.deadLettered()).isFalse();
        assertThat(Instant.parse(last.at())).isBetween(Instant.now().minusSeconds(30), Instant.now());
    }

    @Test
    void countsTheEventAnOrderedFlowHoldsForItsRetryAsRetrying() throws Exception {
        Engine engine = engine(List.of(Duration.ofSeconds(60)));
        DeployedFlow flow = deployToUnreachableTarget(engine, true);

        publishMany(3, "held");

        await(() -> engine.status(flow.flowId()).orElseThrow().retrying() == 1, Duration.ofSeconds(30),
                "the first event held for its retry, the others behind it");
        assertThat(engine.status(flow.flowId()).orElseThrow().lastFailure().node()).isEqualTo("hook");
    }

    @Test
    void aDeadLetteredEventIsTheLastFailureAndNoLongerRetrying() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(50)));
        DeployedFlow flow = deployToUnreachableTarget(engine, false);

        publishMany(1, "gone");

        await(() -> count(topology.deadLetterQueue(flow.flowId())) == 1, Duration.ofSeconds(30), "dead-lettered");
        // the dead-letter copy is confirmed before the retry queue's original is acked: retrying drops just after
        await(() -> engine.status(flow.flowId()).orElseThrow().retrying() == 0, Duration.ofSeconds(5),
                "no longer counted as retrying");
        FlowStatus status = engine.status(flow.flowId()).orElseThrow();
        assertThat(status.lastFailure().deadLettered()).isTrue();
        assertThat(status.lastFailure().error()).contains("connection refused");
    }

    /** A flow whose one target, {@code hook}, is an HTTP endpoint on a port nothing listens on. */
    private DeployedFlow deployToUnreachableTarget(Engine engine, boolean ordered) {
        String hook = """
                {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events", "timeoutMs": 2000}}
                """.formatted(FreePort.find());
        return deploy(engine, flow(hook, "[{\"from\": \"in\", \"to\": \"hook\"}]"), ordered);
    }

    Engine engine(List<Duration> retryDelays) {
        Engine engine = new Engine(broker, NodeRegistry.builtIn(),
                new EngineProperties(50, 2, retryDelays, Duration.ofSeconds(5), topology.prefix(), 3),
                new SimpleMeterRegistry(), workspace -> name -> java.util.Optional.empty(), paused::put,
                PrivacyWatch.NONE, dev.sluice.LoopbackReach.INSTANCE);
        engines.add(engine);
        return engine;
    }

    DeployedFlow deploy(Engine engine, Flow flow, boolean ordered) {
        DeployedFlow deployed = new DeployedFlow(flowIds.incrementAndGet(), 1, flow, ordered);
        engine.reconcile(List.of(deployed));
        assertThat(engine.isRunning(deployed.flowId())).as(String.valueOf(engine.failures())).isTrue();
        return deployed;
    }

    String httpTarget() {
        return """
                {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events", "timeoutMs": 2000}}
                """.formatted(http.getAddress().getPort());
    }

    private static String rabbitTarget(String exchange, String routingKey) {
        return """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "%s"}}
                """.formatted(exchange, routingKey);
    }

    Flow flow(String nodes, String edges) {
        return new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "resilience-it", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": ["%s", "%s"]}},
                           %s],
                 "edges": %s}""".formatted(source, TYPE, SAMPLE_TYPE, nodes, edges), ValidationContext.standalone("finance"));
    }

    static byte[] event(String id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s",
                 "data":{"userId":"U1","amount":12.5}}""".formatted(id, TYPE).getBytes(StandardCharsets.UTF_8);
    }

    private static String idIn(byte[] body) {
        try {
            JsonNode event = Json.MAPPER.readTree(body);
            return event.path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes {@code n} events on one channel, confirmed as a batch; returns their ids in publish order. */
    List<String> publishMany(int n, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < n; i++) {
                String id = prefix + "-" + UUID.randomUUID();
                channel.basicPublish(source, TYPE, false, persistent(), event(id));
                ids.add(id);
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        return ids;
    }

    /** Publishes events with these ids, in this order, confirmed as a batch. */
    private void publishAll(List<String> ids) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            for (String id : ids) {
                channel.basicPublish(source, TYPE, false, persistent(), event(id));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    /** Publishes at about {@code perSecond}, in batches of 250 confirmed together. */
    private void publishAtRate(int total, int perSecond, String prefix) {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                channel.basicPublish(source, TYPE, false, persistent(), event(prefix + "-" + i));
                if (i % 250 == 249) {
                    channel.waitForConfirmsOrDie(10_000);
                    long due = started + (long) (i + 1) * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AMQP.BasicProperties persistent() {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    }

    private void publish(String routingKey, byte[] body) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(source, routingKey, false, persistent(), body);
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private String bindQueue(String exchange, String routingKey) throws Exception {
        String queue = "it.received." + UUID.randomUUID();
        boundQueues.add(queue);
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, true, null);
            channel.queueBind(queue, exchange, routingKey);
        }
        return queue;
    }

    long count(String queue) {
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes everything in the queue, in order. */
    private List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> got = new ArrayList<>();
        try (Channel channel = broker.openChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                got.add(response);
            }
        }
        return got;
    }
}
