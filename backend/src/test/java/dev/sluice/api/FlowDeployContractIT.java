package dev.sluice.api;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.Await;
import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;
import dev.sluice.platform.FreePort;
import dev.sluice.latest.LatestEvents;

/** Deploying through the REST API, events in over HTTP, out at the target; dead letters; undeploy. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it",
                "sluice.engine.retry-delays=100ms,200ms", "sluice.engine.budget-failures-to-pause=3"})
abstract class FlowDeployContractIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void ownQueues(DynamicPropertyRegistry registry) {
        registry.add("sluice.engine.queue-prefix", () -> "it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @LocalServerPort
    int port;

    @Autowired
    BrokerConnection broker;

    @Autowired
    LatestEvents latest;

    private HttpServer hook;
    private final AtomicInteger hookStatus = new AtomicInteger(204);
    private final List<String> hookReceived = new CopyOnWriteArrayList<>();
    private final List<String> boundQueues = new ArrayList<>();

    @BeforeEach
    void startHook() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePort.find()), 0);
        hook.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = hookStatus.get();
            if (status < 300) {
                hookReceived.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stopHook() throws Exception {
        hook.stop(0);
        try (Channel channel = broker.openChannel()) {
            for (String queue : boundQueues) {
                channel.queueDelete(queue);
            }
        }
    }

    @Test
    void deployedFlowCarriesEventsPublishedOverHttpToItsTarget() throws Exception {
        String exchange = "ws.finance.it-deploy-" + UUID.randomUUID();
        String queue = bind(exchange);
        long id = importFlow(flow("deploy-" + suffix(), """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}""".formatted(exchange),
                "[]"));

        HttpResponse<String> deployed = call("finance", "POST", "/api/flows/" + id + "/deploy", "{}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        await(() -> status(id).path("instance").path("state").asText().equals("running"), "the engine runs the flow");

        HttpResponse<String> published = publish("u1", "user.created");
        assertThat(published.statusCode()).isEqualTo(202);
        GetResponse out = receive(queue);
        assertThat(new String(out.getBody(), StandardCharsets.UTF_8)).contains("\"userId\":\"U1\"")
                .doesNotContain("nationalId");
        await(() -> status(id).path("instance").path("out").asLong() == 1, "status counts the delivery");
        assertThat(status(id).path("state").asText()).isEqualTo("DEPLOYED");
    }

    @Test
    void refusesToDeployAVersionWhoseStoredTestFails() throws Exception {
        long id = importFlow(flow("refused-" + suffix(), """
                {"id": "out", "kind": "target.log"}""", """
                [{"name": "expects a field select removes", "input": {"specversion": "1.0", "id": "t", "source": "/u",
                  "type": "user.created", "data": {"userId": "U1", "nationalId": "x"}},
                  "expect": {"out": [{"data": {"nationalId": "x"}}]}}]"""));

        HttpResponse<String> refused = call("finance", "POST", "/api/flows/" + id + "/deploy", "{}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("expects a field select removes", "$.expect.out[0].data.nationalId");
        assertThat(status(id).path("state").asText()).isEqualTo("DRAFT");
    }

    @Test
    void deadLettersARefusedEventAndReplaysItOnceTheTargetIsFixed() throws Exception {
        hookStatus.set(400);
        long id = importFlow(flow("dead-" + suffix(), """
                {"id": "out", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/in"}}"""
                .formatted(hook.getAddress().getPort()), "[]"));
        assertThat(call("finance", "POST", "/api/flows/" + id + "/deploy", "{}").statusCode()).isEqualTo(200);
        await(() -> status(id).path("instance").path("state").asText().equals("running"), "the engine runs the flow");

        publish("d1", "user.created");
        await(() -> status(id).path("instance").path("deadLettered").asLong() == 1, "the refused event is dead-lettered");
        JsonNode lastFailure = status(id).path("instance").path("lastFailure");
        assertThat(lastFailure.path("node").asText()).isEqualTo("out");
        assertThat(lastFailure.path("error").asText()).contains("answered 400").doesNotStartWith("out:");
        assertThat(lastFailure.path("deadLettered").asBoolean()).isTrue();
        assertThat(status(id).path("instance").path("retrying").asLong()).isZero();
        JsonNode dead = FlowJson.parse(call("finance", "GET", "/api/flows/" + id + "/dead-letters", null).body());
        assertThat(dead.path("deadLetters")).hasSize(1);
        assertThat(dead.path("deadLetters").get(0).path("reason").asText()).isEqualTo("target-refused");
        assertThat(dead.path("deadLetters").get(0).path("lastError").asText()).contains("answered 400");
        assertThat(call("viewer", "POST", "/api/flows/" + id + "/dead-letters/replay", "{}").statusCode()).isEqualTo(403);

        hookStatus.set(204);
        HttpResponse<String> replay = call("finance", "POST", "/api/flows/" + id + "/dead-letters/replay",
                "{\"ids\": [\"d1\"]}");

        assertThat(replay.body()).contains("\"replayed\":1");
        await(() -> hookReceived.size() == 1, "the replayed event reaches the fixed target");
        assertThat(FlowJson.parse(call("finance", "GET", "/api/flows/" + id + "/dead-letters", null).body())
                .path("deadLetters")).isEmpty();
    }

    @Test
    void undeployWithQueueDeletionStopsTheFlowAndOthersCannotTouchIt() throws Exception {
        long id = importFlow(flow("undeploy-" + suffix(), "{\"id\": \"out\", \"kind\": \"target.log\"}", "[]"));
        assertThat(call("viewer", "POST", "/api/flows/" + id + "/deploy", "{}").statusCode()).isEqualTo(403);
        assertThat(call("service", "POST", "/api/flows/" + id + "/deploy", "{}").statusCode()).isEqualTo(404);
        assertThat(call("finance", "POST", "/api/flows/" + id + "/deploy", "{}").statusCode()).isEqualTo(200);
        await(() -> status(id).path("queueDepth").asLong() == 0, "the flow queue exists");

        HttpResponse<String> undeployed = call("finance", "POST", "/api/flows/" + id + "/undeploy", "{\"deleteQueue\": true}");

        assertThat(undeployed.statusCode()).isEqualTo(200);
        await(() -> status(id).path("queueDepth").asLong() == -1, "the queue is gone");
        assertThat(status(id).path("state").asText()).isEqualTo("DRAFT");
        assertThat(status(id).has("instance")).isFalse();
    }

    @Test
    void deploysAnOrderedFlowThatKeepsThePublishedOrder() throws Exception {
        String exchange = "ws.finance.it-ordered-" + UUID.randomUUID();
        String queue = bind(exchange);
        long id = importFlow(flow("ordered-" + suffix(), """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}""".formatted(exchange),
                "[]"));
        assertThat(call("finance", "POST", "/api/flows/" + id + "/deploy", "{\"ordered\": \"yes\"}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> deployed = call("finance", "POST", "/api/flows/" + id + "/deploy", "{\"ordered\": true}");

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        await(() -> status(id).path("instance").path("state").asText().equals("running"), "the engine runs the flow");
        assertThat(status(id).path("ordered").asBoolean()).isTrue();
        for (int i = 0; i < 20; i++) {
            assertThat(publish("o" + i, "user.created").statusCode()).isEqualTo(202);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(Json.MAPPER.readTree(receive(queue).getBody()).path("id").asText()).isEqualTo("o" + i);
        }
    }

    @Test
    void deploysAFlowOrderedByItsSourcesKeyAndRefusesAnyOtherKeyOrPartitionCount() throws Exception {
        String exchange = "ws.finance.it-keyed-" + UUID.randomUUID();
        String queue = bind(exchange);
        long id = importFlow(flow("keyed-" + suffix(), """
                {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}""".formatted(exchange),
                "[]"));
        String deploy = "/api/flows/" + id + "/deploy";
        HttpResponse<String> otherKey = call("finance", "POST", deploy, "{\"orderedBy\": \"$.data.userId\"}");
        assertThat(otherKey.statusCode()).isEqualTo(400);
        assertThat(otherKey.body()).contains("$.orderedBy", "keyed by $.subject");
        assertThat(call("finance", "POST", deploy, "{\"partitions\": 4}").body()).contains("$.partitions");
        assertThat(call("finance", "POST", deploy, "{\"orderedBy\": \"$.subject\", \"partitions\": 33}").statusCode())
                .isEqualTo(400);
        assertThat(call("finance", "POST", deploy, "{\"orderedBy\": \"$.subject\", \"ordered\": true}").statusCode())
                .isEqualTo(400);
        assertThat(status(id).path("state").asText()).isEqualTo("DRAFT");

        HttpResponse<String> deployed = call("finance", "POST", deploy, "{\"orderedBy\": \"$.subject\", \"partitions\": 3}");

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        await(() -> status(id).path("instance").path("state").asText().equals("running"), "the engine runs the flow");
        assertThat(status(id).path("orderedBy").asText()).isEqualTo("$.subject");
        assertThat(status(id).path("partitions").asInt()).isEqualTo(3);
        Map<String, List<String>> published = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            String subject = "users/U" + i % 5;
            assertThat(publish("k" + i, "user.created", subject).statusCode()).isEqualTo(202);
            published.computeIfAbsent(subject, key -> new ArrayList<>()).add("k" + i);
        }
        Map<String, List<String>> received = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            JsonNode event = Json.MAPPER.readTree(receive(queue).getBody());
            received.computeIfAbsent(event.path("subject").asText(), key -> new ArrayList<>())
                    .add(event.path("id").asText());
        }
        assertThat(received).as("each subject's events in the order they were published").isEqualTo(published);
        await(() -> status(id).path("queueDepth").asLong() == 0, "the partitions are drained");
        await(() -> status(id).path("instance").path("lagMs").asLong() == 0, "no lag once nothing waits");
    }

    @Test
    void keepsTheLatestEventOfEveryKeyOfASourceWithDeletesAsTombstones() throws Exception {
        String run = suffix();
        assertThat(publish("a1-" + run, "user.created", "users/A-" + run).statusCode()).isEqualTo(202);
        assertThat(publish("b1-" + run, "user.created", "users/B-" + run).statusCode()).isEqualTo(202);
        assertThat(publish("a2-" + run, "user.profile.updated", "users/A-" + run).statusCode()).isEqualTo(202);
        assertThat(publish("b2-" + run, "user.deleted", "users/B-" + run).statusCode()).isEqualTo(202);
        assertThat(publish("c1-" + run, "user.created", "users/C-" + run).statusCode()).isEqualTo(202);

        await(() -> kept(run).size() == 3 && kept(run).containsKey("users/C-" + run), "the three keys kept");
        Map<String, dev.sluice.engine.KeptEvents.Kept> kept = kept(run);
        assertThat(kept.get("users/A-" + run).id()).isEqualTo("a2-" + run);
        assertThat(kept.get("users/A-" + run).deleted()).isFalse();
        assertThat(Json.MAPPER.readTree(kept.get("users/A-" + run).event()).path("type").asText())
                .isEqualTo("user.profile.updated");
        assertThat(kept.get("users/B-" + run).id()).isEqualTo("b2-" + run);
        assertThat(kept.get("users/B-" + run).deleted()).as("a delete is kept as a tombstone").isTrue();
        assertThat(kept.get("users/C-" + run).id()).isEqualTo("c1-" + run);
    }

    @Test
    void deploysFromTheSnapshotFirstThenTheLiveEventsThatQueuedMeanwhile() throws Exception {
        String run = suffix();
        publish("a1-" + run, "user.created", "users/A-" + run);
        publish("b1-" + run, "user.created", "users/B-" + run);
        publish("a2-" + run, "user.profile.updated", "users/A-" + run);
        publish("c1-" + run, "user.created", "users/C-" + run);
        publish("c2-" + run, "user.deleted", "users/C-" + run);
        await(() -> kept(run).size() == 3 && "c2-".equals(kept(run).get("users/C-" + run).id().substring(0, 3)),
                "the three keys kept");
        String exchange = "ws.finance.it-snapshot-" + UUID.randomUUID();
        String queue = bind(exchange);
        long id = importFlow("""
                {"schemaVersion": 1, "name": "snapshot-%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users",
                            "types": ["user.created", "user.profile.updated", "user.deleted"]}},
                           {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}],
                 "edges": [{"from": "in", "to": "split"}, {"from": "split", "to": "out"}]}""".formatted(run, exchange));
        assertThat(call("finance", "POST", "/api/flows/" + id + "/deploy", "{\"from\": \"yesterday\"}").body())
                .contains("$.from");

        HttpResponse<String> deployed = call("finance", "POST", "/api/flows/" + id + "/deploy", "{\"from\": \"snapshot\"}");
        publish("a3-" + run, "user.profile.updated", "users/A-" + run);
        publish("d1-" + run, "user.created", "users/D-" + run);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        await(() -> !status(id).path("bootstrapping").asBoolean(), "the snapshot went through");
        List<String> ours = receiveAll(queue, run);
        assertThat(ours).as("the snapshot holds each key's latest only").doesNotContain("a1-" + run, "c1-" + run);
        assertThat(ours).as("keys not touched since: once, by the snapshot, the delete included")
                .containsOnlyOnce("b1-" + run, "c2-" + run);
        Map<String, String> last = new java.util.HashMap<>();
        ours.forEach(event -> last.put(event.substring(0, 1), event));
        assertThat(last).as("each key ends at its latest event, live events after the snapshot")
                .containsEntry("a", "a3-" + run).containsEntry("d", "d1-" + run);

        HttpResponse<String> resynced = call("finance", "POST", "/api/flows/" + id + "/resync", null);
        assertThat(resynced.statusCode()).as(resynced.body()).isEqualTo(200);
        await(() -> !status(id).path("bootstrapping").asBoolean(), "the resync went through");
        assertThat(receiveAll(queue, run)).as("a resync runs the current state again")
                .containsExactlyInAnyOrder("a3-" + run, "b1-" + run, "c2-" + run, "d1-" + run);
    }

    @Test
    void deploysFromAPointInTimeEveryEventPublishedSinceThenThenTheLiveEvents() throws Exception {
        String run = suffix();
        publish("old-" + run, "user.created", "users/A-" + run);
        await(() -> kept(run).containsKey("users/A-" + run), "the source's keeper at work");
        Thread.sleep(1_100);
        String from = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Thread.sleep(1_100);
        publish("a1-" + run, "user.created", "users/A-" + run);
        publish("b1-" + run, "user.created", null);
        publish("a2-" + run, "user.deleted", "users/A-" + run);
        publish("x1-" + run, "user.profile.updated", "users/X-" + run);
        String exchange = "ws.finance.it-history-" + UUID.randomUUID();
        String queue = bind(exchange);
        long id = importFlow("""
                {"schemaVersion": 1, "name": "history-%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users",
                            "types": ["user.created", "user.deleted"]}},
                           {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "r"}}],
                 "edges": [{"from": "in", "to": "split"}, {"from": "split", "to": "out"}]}""".formatted(run, exchange));
        for (String refused : List.of(Instant.now().plusSeconds(3600).toString(),
                Instant.now().minus(java.time.Duration.ofDays(30)).toString(), "2026-12-01", "yesterday")) {
            HttpResponse<String> answer = call("finance", "POST", "/api/flows/" + id + "/deploy",
                    "{\"from\": \"" + refused + "\"}");
            assertThat(answer.statusCode()).as(refused + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("$.from");
        }

        HttpResponse<String> deployed = call("finance", "POST", "/api/flows/" + id + "/deploy",
                "{\"from\": \"" + from + "\"}");
        publish("c1-" + run, "user.created", "users/C-" + run);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(FlowJson.parse(deployed.body()).path("from").asText()).isEqualTo(from);
        await(() -> !status(id).path("bootstrapping").asBoolean(), "the history went through");
        List<String> ours = receiveAll(queue, run);
        assertThat(ours).as("every event of the flow's types since then, with or without a key, in publish order, "
                + "then the live one")
                .startsWith("a1-" + run, "b1-" + run, "a2-" + run);
        assertThat(ours.subList(3, ours.size())).as("the live event: once, or twice when published around the switch")
                .containsOnly("c1-" + run).hasSizeLessThanOrEqualTo(2);
    }

    /** The ids of this run's events that arrive in the queue until none has come for 3 s, in order. */
    private List<String> receiveAll(String queue, String run) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Channel channel = broker.openChannel()) {
            Instant quietUntil = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(quietUntil)) {
                GetResponse message = channel.basicGet(queue, true);
                if (message == null) {
                    Thread.sleep(50);
                    continue;
                }
                String id = Json.MAPPER.readTree(message.getBody()).path("id").asText();
                if (id.endsWith(run)) {
                    ids.add(id);
                }
                quietUntil = Instant.now().plusSeconds(3);
            }
        }
        return ids;
    }

    /** The kept events of this run's keys, by key. */
    private Map<String, dev.sluice.engine.KeptEvents.Kept> kept(String run) {
        Map<String, dev.sluice.engine.KeptEvents.Kept> found = new java.util.TreeMap<>();
        String after = "";
        for (List<dev.sluice.engine.KeptEvents.Kept> page = latest.page("user-center.users", after, 500); !page.isEmpty();
             page = latest.page("user-center.users", after, 500)) {
            page.stream().filter(event -> event.key().endsWith(run)).forEach(event -> found.put(event.key(), event));
            after = page.getLast().key();
        }
        return found;
    }

    @Test
    void pausesAFlowWhoseScriptKeepsRunningOutOfItsBudgetAndSaysWhy() throws Exception {
        long id = importFlow("""
                {"schemaVersion": 1, "name": "spin-%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "spin", "kind": "script", "config": {"code": "function process(event) { while (true) {} }"}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "spin"}, {"from": "spin", "to": "out"}]}""".formatted(suffix()));
        assertThat(call("finance", "POST", "/api/flows/" + id + "/deploy", "{}").statusCode()).isEqualTo(200);
        await(() -> status(id).path("instance").path("state").asText().equals("running"), "the engine runs the flow");
        String gauge = "sluice_flow_queue_depth{flow=\"finance/" + "spin";
        assertThat(http.send(request("admin", "/actuator/prometheus").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains(gauge).contains("flowId=\"" + id + "\"");

        for (int i = 0; i < 4; i++) {
            publish("spin" + i, "user.created");
        }

        await(() -> status(id).path("state").asText().equals("PAUSED"), "the engine paused the flow");
        assertThat(status(id).path("pausedReason").asText()).contains("3 events in a row", "spin");
        await(() -> !status(id).has("instance"), "the flow stops running");
        assertThat(call("finance", "POST", "/api/flows/" + id + "/resume", null).statusCode()).isEqualTo(200);
        assertThat(status(id).has("pausedReason")).isFalse();
    }

    @Test
    void testConnectionReachesTheTargetWithoutSendingAnEventAndSaysWhatIsWrong() throws Exception {
        long id = importFlow(flow("check-" + suffix(), "{\"id\": \"out\", \"kind\": \"target.log\"}", "[]"));
        String exchange = "ws.finance.it-check-" + UUID.randomUUID();
        String queue = bind(exchange);

        JsonNode exchangeThere = checkTarget(id, "finance", "target.rabbitmq", "{\"exchange\": \"" + exchange + "\"}");
        JsonNode exchangeMissing = checkTarget(id, "finance", "target.rabbitmq",
                "{\"exchange\": \"ws.finance.it-check-none\"}");
        JsonNode hookThere = checkTarget(id, "finance", "target.http",
                "{\"url\": \"http://127.0.0.1:" + hook.getAddress().getPort() + "/in\"}");
        JsonNode nobodyListens = checkTarget(id, "finance", "target.http",
                "{\"url\": \"http://127.0.0.1:" + FreePort.find() + "/in\"}");

        assertThat(exchangeThere.path("reachable").asBoolean()).as(exchangeThere.toString()).isTrue();
        assertThat(exchangeMissing.path("reachable").asBoolean()).isTrue();
        assertThat(exchangeMissing.path("message").asText()).contains("ws.finance.it-check-none")
                .contains("Sluice declares");
        assertThat(hookThere.path("reachable").asBoolean()).as(hookThere.toString()).isTrue();
        assertThat(hookThere.path("message").asText()).contains("HTTP 204");
        assertThat(nobodyListens.path("reachable").asBoolean()).isFalse();
        assertThat(nobodyListens.path("message").asText()).startsWith("Cannot reach");
        assertThat(hookReceived).as("a check sends no event").allMatch(String::isEmpty);
        try (Channel channel = broker.openChannel()) {
            assertThat(channel.basicGet(queue, true)).as("a check publishes nothing").isNull();
        }
        String body = "{\"kind\": \"target.log\", \"config\": {}}";
        assertThat(call("viewer", "POST", "/api/flows/" + id + "/target-check", body).statusCode()).isEqualTo(403);
        assertThat(call("service", "POST", "/api/flows/" + id + "/target-check", body).statusCode()).isEqualTo(404);
    }

    @Test
    void listingTheDeadLettersOfAFlowNeverDeployedLeavesTheBrokerConnectionAlone() throws Exception {
        long id = importFlow(flow("never-deployed-" + suffix(), "{\"id\": \"out\", \"kind\": \"target.log\"}", "[]"));
        try (Channel opened = broker.openChannel()) {
            HttpResponse<String> listed = call("finance", "GET", "/api/flows/" + id + "/dead-letters", null);

            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(FlowJson.parse(listed.body()).path("deadLetters")).isEmpty();
            Instant deadline = Instant.now().plusSeconds(1);
            while (opened.isOpen() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(opened.isOpen()).as("other channels on the platform connection stay open").isTrue();
        }
    }

    private JsonNode checkTarget(long id, String user, String kind, String config) throws Exception {
        HttpResponse<String> checked = call(user, "POST", "/api/flows/" + id + "/target-check",
                "{\"kind\": \"" + kind + "\", \"config\": " + config + "}");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        return FlowJson.parse(checked.body());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String flow(String name, String target, String tests) {
        return """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId"]}}, %s],
                 "edges": [{"from": "in", "to": "split"}, {"from": "split", "to": "out"}],
                 "tests": %s}""".formatted(name, target, tests);
    }

    private long importFlow(String flow) throws Exception {
        HttpResponse<String> created = call("finance", "POST", "/api/flows/import", flow);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return FlowJson.parse(created.body()).path("id").asLong();
    }

    private HttpResponse<String> publish(String id, String type) throws Exception {
        return publish(id, type, "users/U1");
    }

    private HttpResponse<String> publish(String id, String type, String subject) throws Exception {
        return http.send(request("central", "/api/sources/user-center.users/events")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s",%s
                         "data":{"userId":"U1","nationalId":"330108198511022463"}}""".formatted(id, type,
                        subject == null ? "" : "\"subject\":\"" + subject + "\",")))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode status(long id) {
        try {
            return FlowJson.parse(call("finance", "GET", "/api/flows/" + id + "/status", null).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        return http.send(request(user, path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":demo-it").getBytes(StandardCharsets.UTF_8)));
    }

    private String bind(String exchange) throws Exception {
        String queue = "it.deployed." + UUID.randomUUID();
        boundQueues.add(queue);
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, false, false, true, null);
            channel.queueBind(queue, exchange, "#");
        }
        return queue;
    }

    private GetResponse receive(String queue) throws Exception {
        return Await.message(broker, queue);
    }
}
