package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** Stewards build, check and run flows in the designer of the packaged application. */
class DesignerJourneyIT {

    private static SluiceProcess sluice;

    /** The finance journey's HTTP target: what the ledger received. */
    private static HttpServer ledger;
    private static final List<String> ledgerReceived = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSluice() throws Exception {
        ledger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ledger.createContext("/", exchange -> {
            ledgerReceived.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ledger.start();
        sluice = SluiceProcess.start();
        // the ledger listens on loopback, which connections reach only once a platform admin lists it
        int port = ledger.getAddress().getPort();
        SluiceApi api = new SluiceApi(sluice.baseUrl());
        HttpResponse<String> listed = api.call("admin", "PUT", "/api/admin/connection-allowlist",
                "{\"entries\": [{\"entry\": \"127.0.0.1:" + port + "\", \"note\": \"the journey's ledger\"}]}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        HttpResponse<String> connection = api.call("admin", "POST", "/api/workspaces/finance/connections",
                "{\"name\": \"ledger\", \"kind\": \"http\", \"url\": \"http://127.0.0.1:" + port + "\"}");
        assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        ledger.stop(0);
    }

    private static WebDriver signedIn(String user) {
        WebDriver driver = Browser.open();
        LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess(user, "demo");
        return driver;
    }

    @Test
    void financeBuildsThePaymentFlowPreviewsAMaskedAccountSavesAndDeploys() {
        WebDriver driver = signedIn("finance");
        try {
            FlowEditorPage editor = FlowsPage.open(driver, sluice.baseUrl(), "finance").create("payments-to-ledger");
            editor.selectNode("source");
            editor.setField("types", "user.payment.updated");

            editor.dragFromPalette("rename", "rename");
            editor.deleteSelected("rename");
            editor.undoByKeyboard();
            editor.awaitNode("rename");
            editor.redo();
            editor.awaitNodeGone("rename");

            editor.selectNode("source");
            editor.addFromPalette("filter", "filter");
            // a new filter starts empty: the rule is built as a user builds it
            editor.addPatternRule("data.payment.currency", "USD");
            editor.awaitPatternSampleCount("Matching samples: 0 of 10");
            editor.setPatternRuleValue(0, "CNY");
            assertThat(editor.awaitPatternSampleCount("Matching samples: 2 of 10")).isNotBlank();
            assertThat(editor.keptSamples()).isEqualTo(2);
            Browser.screenshot(driver, "designer-filter-rules");
            editor.addFromPaletteByKeyboard("select", "select");
            editor.setField("paths", "$.data.userId\n$.data.payment");
            editor.addFromPalette("mask", "mask");
            editor.setRowsAsJson("rules", "[{\"path\": \"$.data.payment.bankAccount\", \"mode\": \"partial\", \"keepLast\": 4}]");
            editor.addFromPalette("target.http", "http");
            editor.chooseField("connection", "ledger");
            editor.setField("path", "/ledger");
            editor.selectNode("log");
            editor.deleteSelected("log");
            editor.awaitValid();
            editor.tidyUp();
            assertThat(List.of(editor.nodeX("source"), editor.nodeX("filter"), editor.nodeX("select"),
                    editor.nodeX("mask"), editor.nodeX("http"))).as("tidied up left to right along the flow")
                    .isSorted().doesNotHaveDuplicates();

            assertThat(editor.previewSample("U100002")).contains("http");
            assertThat(editor.previewDeliveries()).contains("***************7574").doesNotContain("6222975432319487574");
            assertThat(editor.previewEventBoxStyle("max-height")).as("a long event scrolls inside its box")
                    .isNotEqualTo("none");
            assertThat(editor.previewEventBoxStyle("overflow-y")).isEqualTo("auto");
            Browser.screenshot(driver, "designer-preview-trace");

            editor.save("finance flow from the palette");
            editor.awaitVersion(2);
            assertThat(editor.deployOrderedByKey(4)).contains("deployed");
            assertThat(editor.flowState()).isEqualTo("deployed v2");
            assertThat(editor.flowOrdering()).isEqualTo("Ordered by $.subject, over 4 partition(s).");
            Browser.screenshot(driver, "designer-deploy-ordered-by-key");
            assertThat(editor.runStatus()).contains("in: 0").doesNotContain("not defined");
            editor.awaitThroughputChart();

            java.time.LocalDateTime beforePublishing = java.time.LocalDateTime.now().minusSeconds(2);
            publish("""
                    {"specversion": "1.0", "id": "journey-1", "source": "/user-center/users",
                     "type": "user.payment.updated", "data": {"userId": "U9", "nationalId": "330108198511022463",
                     "payment": {"currency": "CNY", "bankAccount": "6222975432319487574"}}}""");
            editor.awaitCounter("out", 1);
            assertThat(editor.runStatus()).contains("in: 1", "deliveries: 1");
            assertThat(ledgerReceived).singleElement().asString().contains("***************7574", "U9")
                    .doesNotContain("6222975432319487574", "330108198511022463");

            // the event just published is among the source's recent events; finance is not cleared for the account,
            // so the event arrives in the preview already masked, as the source's samples do
            assertThat(editor.previewRecentEvent("journey-1")).contains("http").doesNotContain("6222975432319487574");
            assertThat(editor.previewDeliveries()).contains("\"userId\" : \"U9\"")
                    .doesNotContain("6222975432319487574", "330108198511022463");

            assertThat(editor.resync()).contains("Resync started");
            Browser.waitFor(driver).until(d -> d.findElements(By.id("flow-bootstrap")).isEmpty()
                    && d.findElement(By.id("flow-state")).getText().equals("deployed v2"));

            // deployed again from before the event: the source's history brings it to the ledger once more
            int delivered = ledgerReceived.size();
            assertThat(editor.deployFrom(beforePublishing)).contains("deployed");
            Browser.waitFor(driver).until(d -> ledgerReceived.size() > delivered);
            assertThat(ledgerReceived.getLast()).contains("U9").doesNotContain("6222975432319487574");
            Browser.screenshot(driver, "designer-deploy-from-a-time");
        } finally {
            Browser.screenshot(driver, "designer-finance-builds-and-deploys");
            driver.quit();
        }
    }

    @Test
    void importingAFlowWithErrorsShowsEachErrorAtItsNode() throws Exception {
        Path file = Files.createTempFile("broken-flow", ".json");
        Files.writeString(file, """
                {"schemaVersion": 1, "name": "broken", "workspace": "finance",
                 "nodes": [
                   {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                   {"id": "shout", "kind": "uppercase", "config": {}},
                   {"id": "mask", "kind": "mask", "config": {"rules": [{"path": "$.data.x", "mode": "scramble"}]}},
                   {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "mask"}, {"from": "mask", "to": "nowhere"},
                           {"from": "mask", "to": "out"}]}
                """);
        WebDriver driver = signedIn("finance");
        try {
            FlowsPage flows = FlowsPage.open(driver, sluice.baseUrl(), "finance");
            flows.importFile(file);

            assertThat(flows.importProblems())
                    .anySatisfy(line -> assertThat(line).startsWith("shout: $.nodes[1].kind").contains("uppercase"))
                    .anySatisfy(line -> assertThat(line).startsWith("mask: $.nodes[2].config.rules[0].mode"))
                    .anySatisfy(line -> assertThat(line).startsWith("mask: $.edges[1].to").contains("nowhere"));
            assertThat(flows.invalidNodesOnImportedGraph()).contains("shout", "mask").doesNotContain("out");
        } finally {
            Browser.screenshot(driver, "designer-import-errors");
            driver.quit();
        }
    }

    @Test
    void theSecondOfTwoEditorsToSaveIsToldSomeoneSavedInBetween() throws Exception {
        long id = new SluiceApi(sluice.baseUrl()).importFlow("finance", """
                {"schemaVersion": 1, "name": "two-editors", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "out", "kind": "target.log", "config": {"label": "two"}}],
                 "edges": [{"from": "users", "to": "out"}]}
                """);
        WebDriver first = signedIn("finance");
        WebDriver second = signedIn("finance");
        try {
            FlowEditorPage mine = FlowEditorPage.open(first, sluice.baseUrl(), id);
            FlowEditorPage theirs = FlowEditorPage.open(second, sluice.baseUrl(), id);

            mine.save("first editor");
            mine.awaitVersion(2);
            theirs.selectNode("out");
            theirs.setField("label", "second editor's label");
            theirs.save("second editor");

            assertThat(theirs.conflictMessage()).contains("someone else saved").contains("version 2");
            assertThat(theirs.version()).isEqualTo("version 1");
        } finally {
            Browser.screenshot(second, "designer-save-conflict");
            first.quit();
            second.quit();
        }
    }

    @Test
    void aScriptWithASyntaxErrorShowsItBesideTheCodeAtItsLine() {
        WebDriver driver = signedIn("finance");
        try {
            FlowEditorPage editor = FlowsPage.open(driver, sluice.baseUrl(), "finance").create("script-syntax");
            editor.selectNode("source");
            editor.addFromPalette("select", "select");
            editor.setField("paths", "$.data.userId");
            editor.addFromPalette("script", "script");
            editor.typeCode("code", "function process(event) {\n  event.data.seen = true;\n  return event.;\n}");

            // the new script node starts empty ("is required") until the typed code has been checked
            assertThat(editor.awaitFieldError("code", "line 3, column")).startsWith("line 3, column");
            assertThat(editor.markedCodeLine("code")).as("the editor marks the line of the error").isEqualTo(3);
            editor.openTab("Problems");
            assertThat(editor.problemList()).contains("script: $.nodes[3].config.code line 3, column");
            editor.openTab("Properties");
            Browser.screenshot(driver, "designer-script-error-at-its-line");

            // key presses, as a user fixes it: from the last line up to line 3, before its ';'
            editor.pressInCode("code", Keys.chord(Keys.CONTROL, Keys.END), Keys.ARROW_UP, Keys.END, Keys.ARROW_LEFT,
                    "data");
            editor.pressInCode("code", Keys.TAB);
            editor.awaitFieldValid("code");
            assertThat(editor.codeText("code")).contains("  return event.data;");
        } finally {
            Browser.screenshot(driver, "designer-script-syntax-error");
            driver.quit();
        }
    }

    private static void publish(String event) {
        HttpResponse<String> response = new SluiceApi(sluice.baseUrl()).call("central", "POST",
                "/api/sources/user-center.users/events", event, "Content-Type", "application/cloudevents+json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
