package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.json.Json;

/**
 * Written by Spring Boot's structured logging in the ECS format ({@code logging.structured.format.console=ecs}: here
 * its encoder on an appender of the test's own, since the first application of a JVM fixes the console's format for
 * every later one), the engine's lines about a flow and an event carry the workspace, flow, flow id, version and event
 * id as fields of their own, never a value of the event's data.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class StructuredLogsIT {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> json;

    @BeforeEach
    void writeJsonLines() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        json = new OutputStreamAppender<>();
        json.setContext(context);
        json.setName("structured-logs-it");
        json.setEncoder(encoder);
        json.setOutputStream(written);
        json.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(json);
    }

    @AfterEach
    void stopWritingJsonLines() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(json);
        json.stop();
    }

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Test
    void aDeadLetteredEventIsLoggedAsJsonWithItsFlowAndEventIdAndNoneOfItsData() throws Exception {
        ApiCalls api = new ApiCalls(port, "demo-it");
        String name = ApiCalls.unique("logged");
        String flow = """
                {"workspace": "finance", "name": "%s", "schemaVersion": 1,
                 "nodes": [{"id": "in", "kind": "source",
                            "config": {"types": ["user.created"], "source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "refuse", "kind": "script",
                            "config": {"code": "function process(event) { throw new Error('refused'); }"}},
                           {"id": "out", "kind": "target.log", "config": {"label": "it"}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "refuse"},
                           {"from": "refuse", "to": "out"}]}""".formatted(name);
        ApiCalls.Response imported = api.call("POST", "/api/flows/import", "finance", flow);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long flowId = imported.json().path("id").asLong();
        ApiCalls.Response deployed = api.call("POST", "/api/flows/" + flowId + "/deploy", "finance", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        String eventId = ApiCalls.unique("logged-event");
        String secret = ApiCalls.unique("private") + "@example.com";
        ApiCalls.Response published = api.call("POST", "/api/sources/user-center.users/events", "central", """
                {"specversion":"1.0","id":"%s","source":"/user-center","type":"user.created",
                 "traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                 "datacontenttype":"application/json","data":{"userId":"u-logged","email":"%s"}}"""
                .formatted(eventId, secret), "Content-Type", "application/cloudevents+json");
        assertThat(published.status()).as(published.body()).isEqualTo(202);

        JsonNode deadLettered = awaitLine(line -> line.path("message").asText().contains("dead-lettered")
                && eventId.equals(line.path("eventId").asText()));

        assertThat(deadLettered.path("workspace").asText()).isEqualTo("finance");
        assertThat(deadLettered.path("flow").asText()).isEqualTo(name);
        assertThat(deadLettered.path("flowId").asLong()).isEqualTo(flowId);
        assertThat(deadLettered.path("flowVersion").asInt()).isEqualTo(1);
        assertThat(deadLettered.path("node").asText()).isEqualTo("refuse");
        assertThat(deadLettered.path("traceId").asText()).as("the trace the publisher started")
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(deadLettered.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(output()).doesNotContain(secret).doesNotContain("u-logged");
        for (String line : output().split("\n")) {
            if (!line.isBlank()) {
                assertThat(line).as("every line is a JSON object").startsWith("{").endsWith("}");
            }
        }
    }

    private JsonNode awaitLine(Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode line : jsonLines(output())) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such log line within 30 s in:\n" + output());
    }

    private static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }
}
