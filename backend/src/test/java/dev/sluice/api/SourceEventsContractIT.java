package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;

/** Publishing to a source over HTTP, in each CloudEvents mode, and what is refused. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.ingest.max-bytes=4096"})
abstract class SourceEventsContractIT {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String SOURCE = "user-center.users";

    @LocalServerPort
    int port;

    @Autowired
    BrokerConnection broker;

    private String queue;

    @BeforeEach
    void listenToTheSource() throws Exception {
        queue = "it.ingest." + UUID.randomUUID();
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(SOURCE, "topic", true);
            channel.queueDeclare(queue, false, false, true, null);
            channel.queueBind(queue, SOURCE, "user.#");
        }
    }

    /** Never consumed, so auto-delete would never remove it. */
    @AfterEach
    void deleteTheListeningQueue() throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.queueDelete(queue);
        }
    }

    @Test
    void acceptsAStructuredEventAndRoutesItByType() throws Exception {
        HttpResponse<String> response = post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"s1","source":"/user-center/users","type":"user.created","data":{"userId":"U1"}}""");

        assertThat(response.statusCode()).isEqualTo(202);
        GetResponse message = receive(1).get(0);
        assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("user.created");
        assertThat(message.getProps().getMessageId()).isEqualTo("s1");
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("\"userId\":\"U1\"");
    }

    @Test
    void acceptsABinaryModeEventFromCeHeaders() throws Exception {
        HttpResponse<String> response = http.send(request("central")
                .header("ce-specversion", "1.0").header("ce-id", "b1").header("ce-source", "/user-center/users")
                .header("ce-type", "user.deleted").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"U2\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        String body = new String(receive(1).get(0).getBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"id\":\"b1\"", "\"type\":\"user.deleted\"", "\"userId\":\"U2\"");
    }

    @Test
    void acceptsABatch() throws Exception {
        HttpResponse<String> response = post("admin", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"k1","source":"/u","type":"user.created","data":{}},
                 {"specversion":"1.0","id":"k2","source":"/u","type":"user.updated","data":{}}]""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":2");
        assertThat(receive(2)).extracting(m -> m.getProps().getMessageId()).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void refusesAnInvalidCloudEventWithTheReasonAndPublishesNothingOfTheBatch() throws Exception {
        HttpResponse<String> single = post("central", "application/cloudevents+json", """
                {"specversion":"0.3","source":"/u","type":"user.created"}""");
        HttpResponse<String> batch = post("central", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"ok","source":"/u","type":"user.created"},
                 {"specversion":"1.0","source":"/u","type":"user.created"}]""");
        HttpResponse<String> binary = post("central", "application/json", "{\"no\":\"headers\"}");

        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).contains("$.id", "$.specversion");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.body()).contains("$[1].id");
        assertThat(binary.statusCode()).isEqualTo(400);
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void refusesCallersWhoMayNotPublishAndBodiesPastTheLimit() throws Exception {
        String event = """
                {"specversion":"1.0","id":"x","source":"/u","type":"user.created","data":{}}""";

        assertThat(post("finance", "application/cloudevents+json", event).statusCode()).isEqualTo(403);
        assertThat(post("auditor", "application/cloudevents+json", event).statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sources/" + SOURCE + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        String large = event.replace("{}", "{\"blob\":\"" + "x".repeat(5000) + "\"}");
        assertThat(post("central", "application/cloudevents+json", large).statusCode()).isEqualTo(413);
        assertThat(http.send(request("central").header("Content-Type", "application/cloudevents+json")
                        .uri(URI.create("http://localhost:" + port + "/api/sources/no.such.source/events"))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(receive(0)).isEmpty();
    }

    private HttpRequest.Builder request(String user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sources/" + SOURCE + "/events"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo-it").getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String user, String contentType, String body) throws Exception {
        return http.send(request(user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<GetResponse> receive(int expected) throws Exception {
        List<GetResponse> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + (expected == 0 ? 500 : 10_000);
        try (Channel channel = broker.openChannel()) {
            while (System.currentTimeMillis() < deadline && (expected == 0 || got.size() < expected)) {
                GetResponse message = channel.basicGet(queue, true);
                if (message == null) {
                    Thread.sleep(50);
                } else {
                    got.add(message);
                }
            }
        }
        return got;
    }
}
