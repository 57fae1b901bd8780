package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two regions as an operator sets them up: a Sluice in cn-east and one in cn-north, each with its own broker (here a
 * virtual host each of the machine's RabbitMQ, with its management and shovel plugins) and one shared PostgreSQL. A
 * steward deploys a flow on the user-center source, published in cn-east, to run in cn-north from the Run tab; events
 * published to cn-east's Sluice reach the flow's target in cn-north; the admin sees the link running on the Regions
 * page. Runs where {@code SLUICE_IT_RABBITMQ_MANAGEMENT} (the management API, e.g. http://127.0.0.1:15672) and
 * {@code SLUICE_IT_DATASOURCE_URL} are set, as CI sets them.
 */
@EnabledIfEnvironmentVariable(named = "SLUICE_IT_RABBITMQ_MANAGEMENT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
class RegionsJourneyIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EAST = "sluice-e2e-east-" + RUN;
    private static final String NORTH = "sluice-e2e-north-" + RUN;
    private static final String OUT = "ws.finance.regions-copy";
    private static final String RECEIVED = "it.regions-received";
    private static final int EVENTS = 50;

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<SluiceProcess> running = new ArrayList<>();
    private static SluiceProcess east;
    private static SluiceProcess north;

    @BeforeAll
    static void startTwoRegions() throws Exception {
        for (String vhost : List.of(EAST, NORTH)) {
            management("PUT", "api/vhosts/" + encode(vhost), "{}");
            management("PUT", "api/permissions/" + encode(vhost) + "/guest",
                    "{\"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}");
        }
        try (Connection connection = connect(NORTH); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(OUT, "topic", true);
            channel.queueDeclare(RECEIVED, true, false, false, null);
            channel.queueBind(RECEIVED, OUT, "#");
        }
        Map<String, String> shared = new HashMap<>(database());
        String[] names = {"cn-east", "cn-north"};
        String[] vhosts = {EAST, NORTH};
        for (int n = 0; n < names.length; n++) {
            shared.put("SLUICE_REGIONS_" + n + "_NAME", names[n]);
            shared.put("SLUICE_REGIONS_" + n + "_AMQPURI", amqpUri(vhosts[n]));
            shared.put("SLUICE_REGIONS_" + n + "_MANAGEMENTURI", System.getenv("SLUICE_IT_RABBITMQ_MANAGEMENT"));
            shared.put("SLUICE_REGIONS_" + n + "_VHOST", vhosts[n]);
        }
        List<String> arguments = List.of("--spring.flyway.schemas=" + schema(), "--spring.flyway.create-schemas=true",
                "--sluice.demo.enabled=true", "--sluice.demo.flows=false");
        east = start(shared, "cn-east", EAST, arguments);
        north = start(shared, "cn-north", NORTH, arguments);
    }

    private static SluiceProcess start(Map<String, String> shared, String region, String vhost, List<String> arguments)
            throws Exception {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("SLUICE_REGION", region);
        environment.put("SLUICE_AMQP_URI", amqpUri(vhost));
        SluiceProcess sluice = SluiceProcess.start(Files.createTempDirectory("sluice-" + region + "-"),
                SluiceProcess.freePort(), SluiceProcess.freePort(), arguments, environment,
                "sluice-regions-" + region + ".log");
        running.add(sluice);
        return sluice;
    }

    @AfterAll
    static void stopRegions() throws Exception {
        for (SluiceProcess sluice : running) {
            sluice.close();
        }
        for (String vhost : List.of(EAST, NORTH)) {
            management("DELETE", "api/vhosts/" + encode(vhost), null);
        }
    }

    @Test
    void aStewardRunsAFlowInAnotherRegionThanItsSourceAndTheAdminWatchesTheLink() throws Exception {
        SluiceApi inEast = new SluiceApi(east.baseUrl());
        long flow = inEast.importFlow("finance", """
                {"schemaVersion": 1, "name": "regions-copy", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source",
                            "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "u"}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "out"}]}""".formatted(OUT));
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, east.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, east.baseUrl(), flow);
            String outcome = editor.deployIn("cn-north");
            assertThat(outcome).as("the Run tab after deploying to cn-north").contains("deployed");
            Browser.waitFor(driver).until(d -> d.findElement(By.id("flow-region")).getText().contains("cn-north"));
            Browser.screenshot(driver, "run-tab-deployed-to-another-region");
            awaitRunning(new SluiceApi(north.baseUrl()), flow);

            for (int i = 0; i < EVENTS; i++) {
                HttpResponse<String> published = inEast.call("central", "POST", "/api/sources/user-center.users/events",
                        """
                        {"specversion": "1.0", "id": "r-%d", "source": "/user-center/users", "type": "user.created",
                         "subject": "U%d", "data": {"userId": "U%d", "email": "u%d@example.com"}}"""
                                .formatted(i, i, i, i), "Content-Type", "application/cloudevents+json");
                assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
            }
            assertThat(receivedInNorth()).as("user ids at the target in cn-north").hasSize(EVENTS);
            HttpResponse<String> misdirected = new SluiceApi(north.baseUrl()).call("central", "POST",
                    "/api/sources/user-center.users/events", """
                    {"specversion": "1.0", "id": "x", "source": "/u", "type": "user.created", "data": {}}""",
                    "Content-Type", "application/cloudevents+json");
            assertThat(misdirected.statusCode()).as("publishing to cn-north's Sluice").isEqualTo(409);

            driver.manage().deleteAllCookies();
            LoginPage.open(driver, east.baseUrl()).signInExpectingSuccess("admin", "demo");
            driver.get(east.baseUrl() + "/admin/regions");
            Browser.waitFor(driver).until(d -> !d.findElements(By.id("regions-check-now")).isEmpty());
            driver.findElement(By.id("regions-check-now")).click();
            String links = new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(
                    StaleElementReferenceException.class).until(d -> {
                        String text = d.findElement(By.id("region-links")).getText();
                        return text.contains("running") ? text : null;
                    });
            assertThat(links).contains("user-center.users", "cn-east → cn-north");
            Browser.screenshot(driver, "regions-view");
        } finally {
            driver.quit();
        }
    }

    private static void awaitRunning(SluiceApi api, long flow) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (api.call("finance", "GET", "/api/flows/" + flow + "/status", null).body().replace(" ", "")
                    .contains("\"state\":\"running\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cn-north's engine did not start flow " + flow + " within 60 s");
    }

    private static Set<String> receivedInNorth() throws Exception {
        Set<String> ids = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(60);
        try (Connection connection = connect(NORTH); Channel channel = connection.createChannel()) {
            while (ids.size() < EVENTS && Instant.now().isBefore(deadline)) {
                GetResponse message = channel.basicGet(RECEIVED, true);
                if (message == null) {
                    Thread.sleep(200);
                    continue;
                }
                String body = new String(message.getBody(), StandardCharsets.UTF_8);
                assertThat(body).as("what the flow selected").doesNotContain("@example.com");
                ids.add(body.replaceAll(".*\"userId\":\"(U\\d+)\".*", "$1"));
            }
        }
        return ids;
    }

    private static Map<String, String> database() {
        String url = System.getenv("SLUICE_IT_DATASOURCE_URL");
        return Map.of("SPRING_DATASOURCE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema(),
                "SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"),
                "SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""));
    }

    private static String schema() {
        return "sluice_regions_" + RUN;
    }

    /** The machine's RabbitMQ (SLUICE_IT_AMQP_URI) on the virtual host {@code vhost}. */
    private static String amqpUri(String vhost) {
        String base = System.getenv().getOrDefault("SLUICE_IT_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/%2F");
        return base.replaceFirst("/[^/]*$", "/" + encode(vhost));
    }

    private static Connection connect(String vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri(vhost));
        return factory.newConnection("regions-journey");
    }

    private static void management(String method, String path, String body) throws Exception {
        String base = System.getenv("SLUICE_IT_RABBITMQ_MANAGEMENT").replaceAll("/+$", "");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(
                        StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
