package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A steward whose webhook is down sees it within seconds, on the Run tab and in the flow list, not when events are
 * dead-lettered; an operator finds a dead letter's trace in the tracing system from its link. Sluice runs as users
 * run it, the jar, tracing to an OTLP receiver here.
 */
class FailingTargetJourneyIT {

    private static final String TRACING_UI = "https://traces.example.com/trace/";

    private static SluiceProcess sluice;
    private static SluiceApi api;
    /** A collector's OTLP/HTTP endpoint, and a webhook that refuses every event. */
    private static HttpServer collector;
    private static final AtomicInteger exports = new AtomicInteger();

    @BeforeAll
    static void startSluice() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exports.incrementAndGet();
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            exchange.close();
        });
        collector.createContext("/refusing", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        collector.start();
        String collectorUrl = "http://127.0.0.1:" + collector.getAddress().getPort();
        sluice = SluiceProcess.start(Files.createTempDirectory("sluice-e2e-"), SluiceProcess.freePort(),
                SluiceProcess.freePort(), List.of(), Map.of(
                        "SLUICE_TRACING_OTLP_ENDPOINT", collectorUrl + "/v1/traces",
                        "SLUICE_TRACING_SAMPLING_PROBABILITY", "1.0",
                        "SLUICE_TRACING_TRACE_URL", TRACING_UI + "{traceId}"), "sluice-e2e-failing-target.log");
        api = new SluiceApi(sluice.baseUrl());
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void aDeadLetterLinksToItsTraceInTheTracingSystem() {
        String json = """
                {"schemaVersion": 1, "name": "webhook-refuses", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users",
                             "types": ["user.deleted"]}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/refusing"}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "hook"}]}
                """.formatted(collector.getAddress().getPort());
        long flow = api.importFlow("finance", json);
        api.deployAndAwaitRunning("finance", flow);
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, sluice.baseUrl(), flow);
            editor.openTab("Run");
            HttpResponse<String> published = api.call("central", "POST", "/api/sources/user-center.users/events", """
                    {"specversion": "1.0", "id": "refused-1", "source": "/user-center/users",
                     "type": "user.deleted", "data": {"userId": "U9"}}""", "Content-Type", "application/cloudevents+json");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(202);

            By traceLink = By.cssSelector(".dead-letter .dead-letter-trace a");
            String traceId = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElements(traceLink).isEmpty() ? null : d.findElement(traceLink).getText());
            assertThat(traceId).matches("[0-9a-f]{32}");
            assertThat(driver.findElement(traceLink).getDomAttribute("href")).isEqualTo(TRACING_UI + traceId);
            assertThat(driver.findElement(traceLink).getDomAttribute("target")).isEqualTo("_blank");
            assertThat(driver.findElement(By.cssSelector(".dead-letter pre")).getText())
                    .as("the event carries the trace ingest started").contains("\"traceparent\":\"00-" + traceId + "-");
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    driver.findElement(By.cssSelector(".dead-letter")));
            Browser.screenshot(driver, "run-tab-dead-letter-trace");
            Browser.waitFor(driver).until(d -> exports.get() > 0);
        } finally {
            driver.quit();
        }
    }

    @Test
    void eventsWaitingForARetryAndTheLastFailureShowOnTheRunTabAndInTheFlowList() {
        long flow = deployFlowToAWebhookThatIsDown();
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, sluice.baseUrl(), flow);
            editor.openTab("Run");
            // published while the tab is open: the counters must come by server push, nobody presses Refresh
            for (int i = 1; i <= 2; i++) {
                HttpResponse<String> published = api.call("central", "POST",
                        "/api/sources/user-center.users/events", """
                        {"specversion": "1.0", "id": "down-%d", "source": "/user-center/users",
                         "type": "user.payment.updated", "data": {"userId": "U%d"}}""".formatted(i, i),
                        "Content-Type", "application/cloudevents+json");
                assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
            }

            editor.awaitCounter("retrying", 2);
            String lastFailure = new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("last-failure")).getText());
            assertThat(lastFailure).contains("hook", "connection refused", "wait for a retry");
            assertThat(driver.findElement(By.id("last-failure")).getDomAttribute("class")).contains("problem");
            By failingNode = By.cssSelector(".react-flow__node[data-id='hook'] .sluice-node.health-failed");
            Browser.waitFor(driver).until(d -> !d.findElements(failingNode).isEmpty());
            assertThat(driver.findElement(failingNode).getDomAttribute("title")).contains("connection refused");
            Browser.screenshot(driver, "run-tab-failing-target");

            driver.get(sluice.baseUrl() + "/workspaces/finance/flows");
            String listed = new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector(".flow-failing[data-flow='webhook-down']")).getText());
            assertThat(listed).isEqualTo("2 waiting for a retry");
            assertThat(driver.findElement(By.cssSelector(".flow-failing[data-flow='webhook-down']"))
                    .getDomAttribute("title")).contains("hook", "connection refused");
            Browser.screenshot(driver, "flow-list-failing-target");
        } finally {
            driver.quit();
        }
    }

    /** Users' ids to a webhook on a port nothing listens on; the engine keeps retrying (1 s, 5 s, 30 s, ...). */
    private static long deployFlowToAWebhookThatIsDown() {
        String json = """
                {"schemaVersion": 1, "name": "webhook-down", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users",
                             "types": ["user.payment.updated"]}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events",
                             "timeoutMs": 2000}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "hook"}]}
                """.formatted(SluiceProcess.freePort());
        long flow = api.importFlow("finance", json);
        api.deployAndAwaitRunning("finance", flow);
        return flow;
    }
}
