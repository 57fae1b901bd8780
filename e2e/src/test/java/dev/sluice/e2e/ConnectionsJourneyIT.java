package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/** An owner defines a webhook connection; a steward's HTTP target then names it instead of a URL. */
class ConnectionsJourneyIT {

    private static final String OWNER = "fin-owner";
    private static final String OWNER_PASSWORD = "owner-journey-1";

    private static SluiceProcess sluice;

    @BeforeAll
    static void startSluiceWithAFinanceOwner() throws Exception {
        sluice = SluiceProcess.start();
        SluiceApi api = new SluiceApi(sluice.baseUrl());
        expect(api.call("admin", "POST", "/api/users", """
                {"username": "%s", "displayName": "Olivia Owner", "password": "%s"}""".formatted(OWNER, OWNER_PASSWORD)),
                201);
        expect(api.call("admin", "PUT", "/api/workspaces/finance/members/" + OWNER, "{\"role\": \"owner\"}"), 200);
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static WebDriver signedIn(String user, String password) {
        WebDriver driver = Browser.open();
        Browser.viewport(driver, 1440, 900);
        LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess(user, password);
        return driver;
    }

    @Test
    void anOwnerAddsAWebhookConnectionAndAStewardsTargetNamesIt() {
        WebDriver owner = signedIn(OWNER, OWNER_PASSWORD);
        try {
            ConnectionsPage connections = ConnectionsPage.open(owner, sluice.baseUrl(), "finance");
            connections.add();
            connections.chooseKind("HTTP (webhook base URL)");
            connections.type("name", "ledger-api");
            connections.type("url", "http://169.254.169.254/latest/meta-data");
            connections.addTextHeader("X-Team", "finance");
            connections.save();

            assertThat(connections.problemAt("url")).as("a cloud metadata address is refused at the URL field")
                    .isNotBlank();
            Browser.screenshot(owner, "connection-dialog-problem");

            connections.type("url", "https://ledger.example/api");
            connections.typeDescription("The ledger team's event intake");
            connections.save();
            assertThat(connections.awaitListed("ledger-api")).contains("https://ledger.example/api", OWNER);
            // the name does not resolve from here: the test says so, in words, without sending an event
            assertThat(connections.test("ledger-api")).startsWith("✘ ledger-api is not reachable: ");
            Browser.screenshot(owner, "connections-page");
        } finally {
            Browser.screenshot(owner, "connections-journey-owner-last");
            owner.quit();
        }

        WebDriver steward = signedIn("finance", "demo");
        try {
            FlowEditorPage editor = FlowsPage.open(steward, sluice.baseUrl(), "finance").create("hook-by-connection");
            editor.selectNode("source");
            editor.addFromPalette("select", "select");
            editor.setField("paths", "$.data.userId");
            editor.addFromPalette("target.http", "http");
            editor.chooseField("connection", "ledger-api");
            editor.setField("path", "/events");
            editor.selectNode("log");
            editor.deleteSelected("log");

            editor.awaitValid();
            editor.openTab("Properties");
            editor.selectNode("http");
            Browser.screenshot(steward, "node-form-connection-choice");
            editor.save("the ledger webhook through its connection");
            editor.awaitVersion(2);
        } finally {
            Browser.screenshot(steward, "connections-journey-steward-last");
            steward.quit();
        }
    }

    @Test
    void aPlatformAdminListsHostsAndABadEntryIsMarkedOnItsRow() {
        WebDriver admin = signedIn("admin", "demo");
        try {
            AllowlistPage allowlist = AllowlistPage.open(admin, sluice.baseUrl());
            allowlist.add("ledger db!", "the ledger's database");
            allowlist.add("10.20.0.0/16", "the finance network");
            allowlist.save();

            assertThat(allowlist.awaitRowProblems()).singleElement().asString().contains("'ledger db!'");
            Browser.screenshot(admin, "admin-allowlist-problem");

            allowlist.setEntry(0, "ledger-db.internal:5432");
            allowlist.save();
            allowlist.awaitSaved();
            HttpResponse<String> stored = new SluiceApi(sluice.baseUrl()).call("admin", "GET",
                    "/api/admin/connection-allowlist", null);
            assertThat(stored.body()).contains("ledger-db.internal:5432", "10.20.0.0/16", "the finance network");
        } finally {
            Browser.screenshot(admin, "admin-allowlist-last");
            admin.quit();
        }
    }
}
