package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import probe.FailingEndpoint;

/**
 * How the API answers what goes wrong: every error in the format {@code {"errors": [{"path", "message"}]}} with
 * the status HTTP names for it, never an empty 403, never a Java class name or a stack trace.
 */
@SpringBootTest(classes = {TestApplication.class, FailingEndpoint.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
@ExtendWith(OutputCaptureExtension.class)
abstract class ApiErrorsContractIT {

    /** A Java package, class or stack frame in a body. */
    static final String JAVA_INSIDE = "(?s).*(java\\.|jakarta\\.|dev\\.sluice|com\\.fasterxml|io\\.cloudevents|org\\.[a-z]+\\."
            + "|Exception|Error\\b|\\bat [a-z]+\\.[a-z]).*";

    @LocalServerPort
    int port;

    @Test
    void answersAnUnexpectedFailureWith500AndAnErrorIdThatTheLogCarriesWithTheStackTrace(CapturedOutput log) {
        Response failed = api().get("/api/probe/failure", "finance");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Content-Type")).startsWith("application/json");
        assertThat(failed.json().path("errors").path(0).path("path").asText()).isEqualTo("$");
        String message = failed.json().path("errors").path(0).path("message").asText();
        assertThat(message).matches("Internal error [0-9a-f]{12}; .+");
        assertThat(failed.body()).doesNotMatch(JAVA_INSIDE).doesNotContain("10.0.0.7");
        String id = message.substring("Internal error ".length(), message.indexOf(';'));
        assertThat(log.getOut() + log.getErr()).contains(id, "IllegalStateException", "at probe.FailingEndpoint.fail");
    }

    @Test
    void answersAScriptNestedTooDeeplyWith400InDryRunAndImport() {
        String code = "function process(event) { return " + "[".repeat(40_000) + "]".repeat(40_000) + "; }";
        String flow = flow("script", "{\"code\": \"" + code + "\"}");

        Response dryRun = api().call("POST", "/api/flows/dry-run", "finance", dryRun(flow));
        Response imported = api().call("POST", "/api/flows/import", "finance", flow);

        for (Response response : List.of(dryRun, imported)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).containsAnyOf("nested too deeply", "at most 100 levels").doesNotMatch(JAVA_INSIDE);
        }
    }

    @Test
    void answersATemplateNestedTooDeeplyWith400() {
        String parentheses = "#set($x = " + "(".repeat(30_000) + "1" + ")".repeat(30_000) + ")$x";
        String conditions = "#if(true)".repeat(5_000) + "x" + "#end".repeat(5_000);

        for (String template : List.of(parentheses, conditions)) {
            Response response = api().call("POST", "/api/flows/dry-run", "finance",
                    dryRun(flow("template", "{\"template\": \"" + template + "\"}")));

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).containsAnyOf("nested too deeply", "at most 100 levels").doesNotMatch(JAVA_INSIDE);
        }
    }

    @Test
    void answersAMalformedQueryParameterWith400NamingTheParameter() {
        Response letters = api().get("/api/flows/1/dead-letters?limit=abc", "finance");
        Response huge = api().get("/api/audit?page=99999999999", "auditor");
        Response lastPage = api().get("/api/audit?page=2147483647&size=500", "auditor");

        assertThat(letters.status()).as(letters.body()).isEqualTo(400);
        assertThat(letters.json().path("errors").path(0).path("path").asText()).isEqualTo("limit");
        assertThat(letters.body()).contains("whole number").doesNotMatch(JAVA_INSIDE);
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
        assertThat(huge.json().path("errors").path(0).path("path").asText()).isEqualTo("page");
        assertThat(lastPage.status()).as(lastPage.body()).isEqualTo(200);
        assertThat(lastPage.json().path("entries")).isEmpty();
    }

    @Test
    void answersAnUnsupportedMethodWith405AndTheAllowedOnes() {
        Response me = api().call("DELETE", "/api/me", "finance", null);
        Response flow = api().call("POST", "/api/flows/1", "finance", "{}");

        assertThat(me.status()).as(me.body()).isEqualTo(405);
        assertThat(me.header("Allow")).contains("GET");
        assertThat(flow.status()).as(flow.body()).isEqualTo(405);
        assertThat(flow.header("Allow")).contains("GET", "PUT", "PATCH", "DELETE");
        assertThat(me.body()).contains("DELETE").doesNotMatch(JAVA_INSIDE);
        assertThat(flow.body()).contains("POST").doesNotMatch(JAVA_INSIDE);
        assertThat(flow.json().path("errors").path(0).path("path").asText()).isEqualTo("$");
    }

    @Test
    void answersAnUnknownPathWith404InTheErrorFormat() {
        Response missing = api().get("/api/no/such/thing", "finance");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("errors").path(0).path("message").asText()).isNotBlank();
        assertThat(missing.body()).doesNotMatch(JAVA_INSIDE);
    }

    @Test
    void answersAnUnknownCharsetWith415() {
        Response dryRun = api().call("POST", "/api/flows/dry-run", "finance", "{}",
                "Content-Type", "application/json; charset=x-unknown");
        Response ingest = api().call("POST", "/api/sources/user-center.users/events", "central", "{}",
                "Content-Type", "application/cloudevents+json; charset=x-unknown");

        for (Response response : List.of(dryRun, ingest)) {
            assertThat(response.status()).as(response.body()).isEqualTo(415);
            assertThat(response.body()).contains("x-unknown").doesNotMatch(JAVA_INSIDE);
        }
    }

    private ApiCalls api() {
        return new ApiCalls(port, "demo-it");
    }

    private static String dryRun(String flow) {
        return """
                {"flow": %s, "events": [{"specversion": "1.0", "id": "e1", "source": "/u", "type": "user.created",
                                         "data": {"userId": "u1"}}]}""".formatted(flow);
    }

    /** source → one node of {@code kind} with {@code config} → log target. */
    static String flow(String kind, String config) {
        return """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "step", "kind": "%s", "config": %s},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "in", "to": "step"}, {"from": "step", "to": "out"}]}
                """.formatted(ApiCalls.unique("errors"), kind, config);
    }
}
