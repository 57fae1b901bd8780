package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A steward whose webhook is down sees it within seconds, on the Run tab and in the flow list, not when events are
 * dead-lettered.
 */
class FailingTargetJourneyIT {

    private static SluiceProcess sluice;
    private static SluiceApi api;

    @BeforeAll
    static void startSluice() throws Exception {
        sluice = SluiceProcess.start();
        api = new SluiceApi(sluice.baseUrl());
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
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
