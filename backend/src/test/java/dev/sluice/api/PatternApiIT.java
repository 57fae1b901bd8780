package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestApplication;
import dev.sluice.flow.FlowJson;
import dev.sluice.platform.FreePort;

/** {@code POST /api/patterns/test} on the embedded default, as the designer's filter form calls it. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class PatternApiIT {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String FINANCE = "finance:demo-it";
    private static final String EVENT = """
            {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.payment.updated",
             "data": {"payment": {"currency": "CNY", "amount": 120.5}}}""";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("sluice.data-dir", () -> dataDir.toString());
        registry.add("sluice.amqp.embedded.port", FreePort::find);
    }

    @LocalServerPort
    int port;

    @Test
    void answersTrueWhenTheEventMatches() throws Exception {
        HttpResponse<String> response = post("""
                {"pattern": {"data": {"payment": {"currency": ["CNY"]}}}, "event": %s}""".formatted(EVENT), FINANCE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response).path("matches").asBoolean()).isTrue();
    }

    @Test
    void answersFalseWhenTheEventDoesNotMatch() throws Exception {
        HttpResponse<String> response = post("""
                {"pattern": {"data": {"payment": {"amount": [{"numeric": [">", 1000]}]}}}, "event": %s}"""
                .formatted(EVENT), FINANCE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("matches").isBoolean()).isTrue();
        assertThat(json(response).path("matches").asBoolean()).isFalse();
    }

    @Test
    void refusesAnInvalidPatternWithThePathOfTheProblem() throws Exception {
        HttpResponse<String> response = post("""
                {"pattern": {"data": {"amount": [{"numeric": [">", "1000"]}]}}, "event": %s}""".formatted(EVENT),
                FINANCE);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("errors").get(0);
        assertThat(error.path("path").asText()).isEqualTo("$.pattern.data.amount[0].numeric[1]");
        assertThat(error.path("message").asText()).contains("must be numeric");
    }

    @Test
    void refusesAnEmptyPatternAndAnEventThatIsNotAnObjectTogether() throws Exception {
        HttpResponse<String> response = post("{\"pattern\": {}, \"event\": \"user.created\"}", FINANCE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").findValuesAsText("path")).containsExactly("$.pattern", "$.event");
    }

    @Test
    void refusesAMissingEventAtItsPath() throws Exception {
        HttpResponse<String> response = post("{\"pattern\": {\"type\": [\"user.created\"]}}", FINANCE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").findValuesAsText("path")).containsExactly("$.event");
    }

    @Test
    void refusesMalformedJsonAtTheRoot() throws Exception {
        HttpResponse<String> response = post("{\"pattern\": {", FINANCE);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("errors").get(0);
        assertThat(error.path("path").asText()).isEqualTo("$");
        assertThat(error.path("message").asText()).contains("is not valid JSON");
    }

    @Test
    void refusesCallersWhoAreNotSignedIn() throws Exception {
        HttpResponse<String> response = post("{\"pattern\": {\"type\": [\"a\"]}, \"event\": {}}", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("errors").get(0).path("path").asText()).isEqualTo("$");
    }

    private HttpResponse<String> post(String body, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/patterns/test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return FlowJson.parse(response.body());
    }
}
