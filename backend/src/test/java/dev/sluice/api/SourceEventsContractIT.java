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
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.cloudevent.CloudEventReading;
import dev.sluice.json.Json;

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
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("\"userId\":\"U1\"")
                .as("without a trace endpoint, events go on as published").doesNotContain("traceparent");
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

    @Test
    void refusesABatchWithAnAttributeLongerThanAnAmqpShortStringAndPublishesNoneOfIt() throws Exception {
        HttpResponse<String> batch = post("central", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"first","source":"/u","type":"user.created","data":{}},
                 {"specversion":"1.0","id":"%s","source":"/u","type":"user.created","data":{}}]""".formatted("x".repeat(300)));
        HttpResponse<String> wideType = post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"w","source":"/u","type":"user.%s","data":{}}""".formatted("é".repeat(126)));
        HttpResponse<String> binary = http.send(request("central")
                .header("ce-specversion", "1.0").header("ce-id", "b").header("ce-source", "/" + "s".repeat(255))
                .header("ce-type", "user.created").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(400);
        assertThat(batch.body()).contains("\"path\":\"$[1].id\"", "255 bytes");
        assertThat(wideType.statusCode()).as(wideType.body()).isEqualTo(400);
        assertThat(wideType.body()).contains("\"path\":\"$.type\"");
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(400);
        assertThat(binary.body()).contains("\"path\":\"ce-source\"");
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void answersASourceTheCallerMayNotSeeExactlyLikeOneThatDoesNotExist() throws Exception {
        String hidden = "hidden-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = http.send(request("admin")
                .uri(URI.create("http://localhost:" + port + "/api/sources")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "%s", "description": "not granted to finance", "owner": "central-data",
                         "eventTypes": ["thing.created"]}""".formatted(hidden))).build(), HttpResponse.BodyHandlers.ofString());
        String missing = "missing-" + hidden.substring("hidden-".length());
        String event = """
                {"specversion":"1.0","id":"h","source":"/u","type":"thing.created","data":{}}""";

        HttpResponse<String> invisible = postTo(hidden, "finance", event);
        HttpResponse<String> absent = postTo(missing, "finance", event);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(invisible.statusCode()).isEqualTo(404);
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(invisible.body().replace(hidden, "NAME")).isEqualTo(absent.body().replace(missing, "NAME"));
    }

    @Test
    void explainsMalformedEventsWithoutNamingJavaTypes() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"t","source":"/u","type":"user.created","time":"yesterday"}"""));
        answers.add(post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"t","source":"/u","type":"user.created","data_base64":"%%%"}"""));
        answers.add(post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"t","source":"/u","type":"user.created","ext":{"nested":true}}"""));
        answers.add(post("central", "application/cloudevents+json", "{not json"));
        answers.add(post("central", "application/cloudevents-batch+json", "{}"));
        for (String[] header : new String[][] {{"ce-specversion", "2.0"}, {"ce-time", "yesterday"}}) {
            HttpRequest.Builder binary = request("central").header("ce-id", "b").header("ce-source", "/u")
                    .header("ce-type", "user.created").header("Content-Type", "application/json");
            if (!header[0].equals("ce-specversion")) {
                binary.header("ce-specversion", "1.0");
            }
            answers.add(http.send(binary.header(header[0], header[1]).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"errors\"").doesNotMatch(ApiErrorsContractIT.JAVA_INSIDE);
        });
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void storesEachAcceptedEventAsTheJsonFormatRendersItSoEveryFlowCanReadIt() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(binary("text/plain is text data", "text/plain", "hello world"));
        answers.add(binary("no content type, so bytes", null, "hello world"));
        answers.add(binary("JSON without a content type, every byte kept", null, "{\"a\":1}"));
        answers.add(binary("Euro%20%E2%82%AC%20%F0%9F%98%80", "application/json", "{}"));
        answers.add(binary("%e2%82%ac %25 %61bc", "application/json", "{}"));
        answers.add(binary("\"hello world\"", "application/json", "{}"));
        answers.add(post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"s1","source":"/u","type":"user.created","subject":"base64 without type",
                 "data_base64":"aGVsbG8gd29ybGQ="}"""));
        answers.add(post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"s2","source":"/u","type":"user.created","subject":"null ext","ext":null}"""));
        answers.add(post("central", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"s3","source":"/u","type":"user.created","subject":"vnd.example",
                  "datacontenttype":"application/vnd.example+json","data":{"a":1}},
                 {"specversion":"1.0","id":"s4","source":"/u","type":"user.created","subject":"vnd.api",
                  "datacontenttype":"application/vnd.api+json","data":{"a":1}},
                 {"specversion":"1.0","id":"s5","source":"/u","type":"user.created","subject":"upper case",
                  "datacontenttype":"APPLICATION/JSON","data":{"a":1}}]"""));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
        assertThat(answers.get(1).body()).contains("\"warnings\"", "\"path\":\"body\"", "data_base64");
        Map<String, JsonNode> stored = new java.util.HashMap<>();
        for (GetResponse message : receive(11)) {
            CloudEventReading engine = AmqpCloudEvents.read(message.getProps(), message.getBody());
            assertThat(engine.problems()).as("the engine reads " + new String(message.getBody())).isEmpty();
            JsonNode event = Json.MAPPER.readTree(message.getBody());
            assertThat(engine.events()).containsExactly((ObjectNode) event);
            stored.put(event.path("subject").asText(), event);
        }
        assertThat(stored.get("text/plain is text data").path("data").asText()).isEqualTo("hello world");
        assertThat(stored.get("no content type, so bytes").has("datacontenttype")).isFalse();
        assertThat(stored.get("no content type, so bytes").path("data_base64").asText()).isEqualTo("aGVsbG8gd29ybGQ=");
        assertThat(stored.get("JSON without a content type, every byte kept").path("data_base64").asText())
                .isEqualTo("eyJhIjoxfQ==");
        assertThat(stored).containsKeys("Euro € \uD83D\uDE00", "€ % abc", "hello world");
        assertThat(stored.get("base64 without type").path("data_base64").asText()).isEqualTo("aGVsbG8gd29ybGQ=");
        assertThat(stored.get("null ext").has("ext")).isFalse();
        assertThat(stored.get("vnd.example").path("data").path("a").asInt()).isEqualTo(1);
        assertThat(stored.get("upper case").path("data").isObject()).isTrue();
    }

    @Test
    void refusesWhatCloudEventsForbidsAtTheAttributeAndWarnsAboutWhatItAdvisesAgainst() throws Exception {
        HttpResponse<String> overlong = binary("a%C0%A0b", "application/json", "{}");
        HttpResponse<String> emptyId = http.send(request("central").header("ce-specversion", "1.0").header("ce-id", "")
                .header("ce-source", "/u").header("ce-type", "user.created").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> relativeSchema = post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"r1","source":"/u","type":"user.created","dataschema":"schemas/user.json"}""");
        HttpResponse<String> emptySubject = post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"r2","source":"/u","type":"user.created","subject":""}""");
        HttpResponse<String> xmlFormat = post("central", "application/cloudevents+xml", "<event/>");
        HttpResponse<String> longName = post("central", "application/cloudevents+json", """
                {"specversion":"1.0","id":"w1","source":"/u","type":"user.created","abcdefghijklmnopqrstu":"x"}""");

        assertThat(overlong.statusCode()).isEqualTo(400);
        assertThat(overlong.body()).contains("\"path\":\"ce-subject\"", "UTF-8");
        assertThat(emptyId.statusCode()).isEqualTo(400);
        assertThat(emptyId.body()).contains("\"path\":\"ce-id\"");
        assertThat(relativeSchema.statusCode()).isEqualTo(400);
        assertThat(relativeSchema.body()).contains("\"path\":\"$.dataschema\"", "absolute URI");
        assertThat(emptySubject.statusCode()).isEqualTo(400);
        assertThat(emptySubject.body()).contains("\"path\":\"$.subject\"");
        assertThat(xmlFormat.statusCode()).isEqualTo(415);
        assertThat(longName.statusCode()).as(longName.body()).isEqualTo(202);
        assertThat(longName.body()).contains("\"warnings\"", "$.abcdefghijklmnopqrstu", "at most 20");
        assertThat(receive(1)).extracting(m -> m.getProps().getMessageId()).containsExactly("w1");
        assertThat(receive(0)).isEmpty();
    }

    /** A binary-mode event whose {@code ce-subject} header is {@code subject} as sent. */
    private HttpResponse<String> binary(String subject, String contentType, String body) throws Exception {
        HttpRequest.Builder request = request("central").header("ce-specversion", "1.0")
                .header("ce-id", "b-" + UUID.randomUUID()).header("ce-source", "/u").header("ce-type", "user.created")
                .header("ce-subject", subject.contains(" ") && !subject.startsWith("\"") && !subject.contains("%")
                        ? subject.replace(" ", "%20") : subject)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postTo(String source, String user, String event) throws Exception {
        return http.send(request(user).uri(URI.create("http://localhost:" + port + "/api/sources/" + source + "/events"))
                .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString(event))
                .build(), HttpResponse.BodyHandlers.ofString());
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
