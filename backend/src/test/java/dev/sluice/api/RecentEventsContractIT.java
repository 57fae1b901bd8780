package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;

/**
 * {@code GET /api/sources/{name}/recent-events}: the newest events published to a source, by HTTP or AMQP, kept on
 * the broker, masked for a business unit as the source's samples are, and nothing for a workspace that may not
 * use the source.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.sources.recent-events=5"})
abstract class RecentEventsContractIT {

    private static final int KEPT = 5;

    @LocalServerPort
    int port;

    @Autowired
    BrokerConnection broker;

    private ApiCalls api;
    private String source;

    /** A fresh source of central-data, granted to finance (email in clear, bank account masked), not to others. */
    @BeforeEach
    void registerASource() {
        api = new ApiCalls(port, "demo-it");
        source = ApiCalls.unique("it.recent");
        assertThat(api.call("POST", "/api/sources", "admin", "{\"name\": \"" + source
                + "\", \"owner\": \"central-data\", \"eventTypes\": [\"user.created\"]}").status()).isEqualTo(201);
        assertThat(api.call("POST", "/api/sources/" + source + "/grants", "central",
                "{\"workspace\": \"finance\"}").status()).isEqualTo(204);
        assertThat(api.call("PUT", "/api/sources/" + source + "/tags", "central",
                "{\"fields\": {\"$.data.email\": \"email\", \"$.data.account\": \"bank-account\"}}").status())
                .isEqualTo(200);
        assertThat(api.call("PUT", "/api/sources/" + source + "/clearances/finance", "central",
                "{\"tags\": {\"email\": \"clear\", \"bank-account\": \"masked\"}}").status()).isEqualTo(200);
    }

    @AfterEach
    void deleteTheSourceExchange() throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDelete(source);
        }
    }

    @Test
    void keepsEventsPublishedByHttpAndAmqpNewestFirst() throws Exception {
        publishByHttp(event("h1"), event("h2"));
        publishByAmqp(event("a1"));
        publishByHttp(event("h3"));

        assertThat(ids(recentEvents("central"))).containsExactly("h3", "a1", "h2", "h1");
    }

    @Test
    void keepsOnlyTheNewestAndReadingLeavesThemInPlace() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= KEPT + 3; i++) {
            events.add(event("e" + i));
        }
        publishByHttp(events.toArray(String[]::new));

        assertThat(ids(recentEvents("central"))).containsExactly("e8", "e7", "e6", "e5", "e4");
        assertThat(ids(recentEvents("central"))).containsExactly("e8", "e7", "e6", "e5", "e4");
        publishByAmqp(event("e9"));
        assertThat(ids(recentEvents("central"))).containsExactly("e9", "e8", "e7", "e6", "e5");
    }

    @Test
    void showsABusinessUnitTheEventsMaskedAsTheSourceSamples() throws Exception {
        String published = event("m1");
        publishByHttp(published);
        assertThat(api.call("PUT", "/api/sources/" + source + "/schema", "central",
                "{\"samples\": [" + published + "]}").status()).isEqualTo(200);

        JsonNode steward = recentEvents("central").path("events").get(0);
        JsonNode finance = recentEvents("finance").path("events").get(0);
        JsonNode viewer = recentEvents("viewer").path("events").get(0);
        JsonNode financeSample = api.get("/api/sources/" + source, "finance").json().path("samples").get(0);

        assertThat(steward.path("data").path("account").asText()).isEqualTo("DE89370400440532013000");
        assertThat(finance.path("data").path("account").asText()).isEqualTo("[hidden: bank-account]");
        assertThat(finance.path("data").path("email").asText()).isEqualTo("li.wei@example.com");
        assertThat(finance.path("data")).isEqualTo(financeSample.path("data"));
        assertThat(viewer).isEqualTo(finance);
        assertThat(finance.toString()).doesNotContain("DE89370400440532013000");
    }

    @Test
    void refusesWorkspacesThatMayNotUseTheSourceAndAuditors() throws Exception {
        publishByHttp(event("r1"));

        ApiCalls.Response otherWorkspace = api.get("/api/sources/" + source + "/recent-events", "service");
        assertThat(otherWorkspace.status()).isEqualTo(404);
        assertThat(otherWorkspace.body()).doesNotContain("r1", "li.wei");
        assertThat(api.get("/api/sources/" + source + "/recent-events", "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/sources/no.such.source/recent-events", "admin").status()).isEqualTo(404);
    }

    @Test
    void auditsWhoLookedAtRecentEvents() throws Exception {
        publishByHttp(event("v1"));
        recentEvents("finance");

        JsonNode entries = api.get("/api/audit?action=source.recent-events.view&actor=finance", "admin").json();
        assertThat(entries.toString()).contains(source).doesNotContain("li.wei");
    }

    @Test
    void saysNothingWasPublishedYet() {
        JsonNode none = recentEvents("finance");

        assertThat(none.path("events")).isEmpty();
        assertThat(none.path("keep").asInt()).isEqualTo(KEPT);
    }

    private JsonNode recentEvents(String user) {
        ApiCalls.Response response = api.get("/api/sources/" + source + "/recent-events", user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode recent) {
        List<String> ids = new ArrayList<>();
        recent.path("events").forEach(event -> ids.add(event.path("id").asText()));
        return ids;
    }

    private static String event(String id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"user.created",
                 "data":{"userId":"U-%s","email":"li.wei@example.com","account":"DE89370400440532013000"}}"""
                .formatted(id, id);
    }

    private void publishByHttp(String... events) {
        ApiCalls.Response response = api.call("POST", "/api/sources/" + source + "/events", "central",
                "[" + String.join(",", events) + "]", "Content-Type", "application/cloudevents-batch+json");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private void publishByAmqp(String event) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(source, "user.created", new AMQP.BasicProperties.Builder()
                    .contentType("application/cloudevents+json").deliveryMode(2).build(),
                    event.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
