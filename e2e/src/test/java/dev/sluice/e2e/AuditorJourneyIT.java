package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.json.Json;

/**
 * The audit log in the packaged application: an auditor follows one flow's history to its diff, exports it and
 * checks the chain; a finance user never sees another workspace's entries.
 */
class AuditorJourneyIT {

    private static final List<String> CSV_HEADER = List.of("id", "time", "actor", "workspace", "action",
            "object_type", "object_id", "outcome", "details", "prev_hash", "hash");

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
    void auditorFollowsTheFinanceFlowToItsDiffExportsItsEntriesAndFindsTheChainIntact() throws Exception {
        long flow = api.flowId("finance", "finance", "finance-payment-sync");
        saveWithNewDescription("finance", flow, "Checked in the auditor journey.");
        Path downloads = Files.createDirectories(Path.of("target", "downloads", "auditor-journey"))
                .toAbsolutePath();
        Files.deleteIfExists(downloads.resolve("sluice-audit.csv"));
        WebDriver driver = Browser.open(downloads);
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("auditor", "demo");
            AuditPage audit = AuditPage.open(driver, sluice.baseUrl(), "");
            audit.awaitRows(row -> true);

            audit.filter("workspace", "finance");
            audit.filter("object-id", String.valueOf(flow));
            List<List<String>> rows = audit.apply(row -> row.get(AuditPage.WORKSPACE).equals("finance")
                    && row.get(AuditPage.OBJECT).equals("flow " + flow));
            assertThat(rows).extracting(row -> row.get(AuditPage.ACTION))
                    .contains("flow.import", "flow.deploy", "flow.save");

            String diff = audit.openEntryDiff("flow.save");
            assertThat(diff).contains("$.description").contains("Checked in the auditor journey.");
            audit.closeEntry();

            Path csv = audit.exportCsv(downloads, "sluice-audit.csv");
            List<List<String>> records = CsvRecords.parse(Files.readString(csv, StandardCharsets.UTF_8));
            assertThat(records.getFirst()).isEqualTo(CSV_HEADER);
            List<List<String>> entries = records.subList(1, records.size());
            assertThat(entries).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.get(3)).isEqualTo("finance");
                assertThat(entry.get(6)).isEqualTo(String.valueOf(flow));
            });
            assertThat(entries).extracting(entry -> entry.get(4)).contains("flow.deploy", "flow.save");
            assertThat(audit.awaitExportFinished()).isEqualTo("Exported "
                    + String.format(java.util.Locale.ENGLISH, "%,d", entries.size()) + " rows.");

            assertThat(audit.verifyChain()).matches("Chain intact: [\\d,]+ entries verified\\.");
        } finally {
            Browser.screenshot(driver, "auditor-journey");
            driver.quit();
        }
    }

    @Test
    void financeSeesNoEntryOfCustomerServiceAsStewardNorAsOwner() {
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");

            AuditPage asSteward = AuditPage.open(driver, sluice.baseUrl(), "workspace=customer-service");
            assertThat(asSteward.refused()).as("stewards do not read the audit log").isTrue();
            assertThat(asSteward.pageText()).doesNotContain("customer-service").doesNotContain("Customer service");
            assertThat(asSteward.navigationText()).doesNotContain("Audit log");

            HttpResponse<String> promoted = api.call("admin", "PUT", "/api/workspaces/finance/members/finance",
                    "{\"role\": \"owner\"}");
            assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);

            AuditPage asOwner = AuditPage.open(driver, sluice.baseUrl(), "");
            assertThat(asOwner.awaitRows(row -> true)).extracting(row -> row.get(AuditPage.WORKSPACE))
                    .containsOnly("finance");
            assertThat(asOwner.navigationText()).contains("Audit log");

            AuditPage foreign = AuditPage.open(driver, sluice.baseUrl(), "workspace=customer-service");
            assertThat(foreign.queryRefusal()).contains("customer-service");
            assertThat(foreign.rows()).isEmpty();
        } finally {
            Browser.screenshot(driver, "finance-audit-refused");
            driver.quit();
        }
    }

    /** Saves the flow's latest version with {@code note} before its description, as the REST API's clients do. */
    @SuppressWarnings("unchecked")
    private static void saveWithNewDescription(String user, long flow, String note) {
        HttpResponse<String> exported = api.call(user, "GET", "/api/flows/" + flow + "/export", null);
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        Map<String, Object> read = new Json().toType(exported.body(), Map.class);
        Map<String, Object> definition = new java.util.LinkedHashMap<>(read);
        definition.put("description", note + " " + definition.get("description"));
        HttpResponse<String> saved = api.call(user, "PUT", "/api/flows/" + flow + "?comment="
                        + URLEncoder.encode("audit journey", StandardCharsets.UTF_8), new Json().toJson(definition),
                "If-Match", exported.headers().firstValue("ETag").orElseThrow());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }
}
