package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;

/**
 * A steward at 1440×900 reads the canvas as in Node-RED: nodes at 100 % with their settings in a line, tools on
 * top, and for the deployed flow each node's counts.
 */
class CanvasJourneyIT {

    private static final List<String> NODES = List.of("users", "cny", "split", "mask", "ledger");

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
    void nodesAreReadableAtFullSizeTheToolbarUndoesADeleteAndTheDeployedFlowShowsCountsPerNode() {
        long flow = deployPaymentFlow();
        publishPayment("p1", "CNY");
        publishPayment("p2", "USD");
        publishPayment("p3", "CNY");
        WebDriver driver = Browser.open();
        try {
            Browser.viewport(driver, 1440, 900);
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, sluice.baseUrl(), flow);
            Browser.waitFor(driver).until(d -> editor.zoom() == 1.0);
            Browser.screenshot(driver, "canvas-opened");

            for (String node : NODES) {
                Rectangle box = editor.nodeBox(node);
                assertThat(box.getWidth()).as(node + " width").isGreaterThanOrEqualTo(160);
                assertThat(box.getHeight()).as(node + " height").isGreaterThanOrEqualTo(56);
            }
            assertThat(editor.nodeSummary("cny")).isEqualTo("currency = CNY");
            assertThat(editor.nodeSummary("mask")).isEqualTo("bankAccount → last 4");

            editor.selectNode("cny");
            editor.deleteSelected("cny");
            editor.undo();
            editor.awaitNode("cny");
            Browser.waitFor(driver).until(d -> editor.nodeSummary("cny").equals("currency = CNY"));

            editor.openTab("Run");
            assertThat(editor.awaitNodeCount("users", "in", 3)).isEqualTo(3);
            assertThat(editor.awaitNodeCount("cny", "out", 2)).as("the USD payment filtered out").isEqualTo(2);
            assertThat(editor.awaitNodeCount("ledger", "out", 2)).isEqualTo(2);
            assertThat(driver.findElements(By.cssSelector(".react-flow__node[data-id='ledger'] .health-ok")))
                    .isNotEmpty();
            assertThat(driver.findElements(By.cssSelector(".react-flow__edge-text")))
                    .extracting(label -> label.getDomProperty("textContent")).contains("3", "2");
            Browser.screenshot(driver, "canvas-live-counts");

            int narrow = editor.canvasWidth();
            editor.toggleSidePanel();
            editor.togglePalette();
            assertThat(editor.canvasWidth()).isGreaterThan(narrow + 500);
            assertThat(editor.zoom()).as("the whole flow fits at 75 % or more once the panels fold away")
                    .isBetween(0.75, 1.0);
            Browser.screenshot(driver, "canvas-live-counts-wide");
            editor.togglePalette();
            editor.toggleSidePanel();

            Browser.choose(driver, "language", "中文");
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector("#editor-tabs vaadin-tab")).stream()
                    .anyMatch(tab -> tab.getText().strip().equals("属性")));
            FlowEditorPage chinese = FlowEditorPage.open(driver, sluice.baseUrl(), flow);
            chinese.selectNode("mask");
            List<String> labels = driver.findElements(By.cssSelector("#editor-tabs vaadin-tab, #node-form [slot=label],"
                    + " #node-form label, #node-form vaadin-button")).stream()
                    .map(label -> label.getText().strip()).filter(text -> !text.isEmpty()).toList();
            assertThat(labels).as("tabs and the mask form's labels in Chinese").isNotEmpty()
                    .noneMatch(text -> text.matches(".*\\b(?!JSONPath\\b|JSON\\b|HMAC\\b|SHA\\b)[A-Za-z]{3,}\\b.*"));
            assertThat(chinese.nodeSummary("mask")).isEqualTo("bankAccount → 保留末 4 位");
            Browser.screenshot(driver, "editor-zh-CN");
        } finally {
            driver.quit();
        }
    }

    private static void publishPayment(String id, String currency) {
        HttpResponse<String> published = api.call("central", "POST", "/api/sources/user-center.users/events", """
                {"specversion": "1.0", "id": "%s", "source": "/user-center/users", "type": "user.payment.updated",
                 "data": {"userId": "U-%s", "payment": {"bankAccount": "6222020200112233", "currency": "%s"}}}"""
                .formatted(id, id, currency), "Content-Type", "application/cloudevents+json");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
    }

    /** Payments in CNY, split and masked, to a log target; running before any event is published. */
    private static long deployPaymentFlow() {
        long flow = api.importFlow("finance", """
                {"schemaVersion": 1, "name": "canvas-journey", "workspace": "finance",
                 "nodes": [
                   {"id": "users", "kind": "source", "config": {"source": "user-center.users", "types": ["user.payment.updated"]}},
                   {"id": "cny", "kind": "filter", "config": {"pattern": {"data": {"payment": {"currency": ["CNY"]}}}}},
                   {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment"]}},
                   {"id": "mask", "kind": "mask", "config": {"rules": [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]}},
                   {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "mask"},
                           {"from": "mask", "to": "ledger"}]}
                """);
        api.deployAndAwaitRunning("finance", flow);
        return flow;
    }
}
