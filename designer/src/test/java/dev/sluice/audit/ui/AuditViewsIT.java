package dev.sluice.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyPressEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.audit.AuditEntry;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.flow.FlowJson;

/** The audit view, browserless: filters, an entry's diff, CSV export with its progress, chain verification, access. */
@WithMockUser(username = "auditor")
class AuditViewsIT extends DemoDesignerTest {

    @Autowired
    AuditLog audit;

    long financeFlow;

    @BeforeEach
    void financeFlow() {
        financeFlow = demoFlow("finance", "finance", "finance-payment-sync");
    }

    @Test
    void workspaceFilterNarrowsTheGridToThatWorkspace() {
        openAudit("action=flow.deploy");
        assertThat(workspacesShown()).contains("finance", "customer-service");

        test($(TextField.class).id("filter-workspace")).setValue("finance");
        test($(Button.class).id("apply-filters")).click();

        assertThat(workspacesShown()).isNotEmpty().containsOnly("finance");
    }

    @Test
    void pressingEnterInAFilterAppliesIt() {
        openAudit("action=flow.deploy");
        TextField workspace = $(TextField.class).id("filter-workspace");
        test(workspace).setValue("finance");

        ComponentUtil.fireEvent(workspace, new KeyPressEvent(workspace, Key.ENTER.getKeys().getFirst()));

        assertThat(workspacesShown()).isNotEmpty().containsOnly("finance");
    }

    @Test
    void timesAreShownToTheSecondInUtc() {
        openAudit("action=flow.deploy");

        assertThat(test(grid()).getCellText(0, 1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
    }

    @Test
    void filtersInTheAddressArePutInTheFieldsAndApplied() {
        openAudit("workspace=finance&action=flow.deploy");

        assertThat($(TextField.class).id("filter-action").getValue()).isEqualTo("flow.deploy");
        assertThat(rows()).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.workspace()).isEqualTo("finance");
            assertThat(entry.action()).isEqualTo("flow.deploy");
        });
        assertThat(rows()).anySatisfy(entry -> assertThat(entry.objectId()).isEqualTo(String.valueOf(financeFlow)));
    }

    @Test
    void entryOfAFlowSaveShowsTheDiffFromTheVersionBefore() {
        int latest = store.versions("finance", financeFlow).size();
        ObjectNode flow = (ObjectNode) FlowJson.parse(store.export("finance", financeFlow, latest));
        flow.put("description", "Audited in a view test. " + flow.path("description").asText());
        String changed = flow.toString();
        store.save("finance", financeFlow, latest, changed, "describe for the audit view test");
        openAudit("action=flow.save&objectId=" + financeFlow);

        test(grid()).clickRow(0);

        String diff = $(Pre.class).id("audit-entry-diff").getText();
        assertThat(diff).contains("$.description").contains("Audited in a view test.");
        assertThat(diff).contains("\"from\" : " + latest).contains("\"to\" : " + (latest + 1));
    }

    @Test
    void verifyingTheChainShowsItIntactWithTheNumberOfEntries() {
        navigate("audit", AuditView.class);

        test($(Button.class).id("verify-chain")).click();

        assertThat($(Span.class).id("verify-result").getText()).matches("Chain intact: [\\d,]+ entries verified\\.");
        assertThat($(Span.class).id("verify-result").getElement().getThemeList()).contains("success");
    }

    @Test
    void csvExportHoldsOnlyTheFilteredEntriesAndReportsTheRowsWritten() {
        for (int i = 0; i < 1200; i++) {
            audit.record(AuditRecord.success("bulk-writer", "bulk-export", "test.bulk", "test", "row-" + i,
                    Map.of("i", i)));
        }
        AuditView view = openAudit("workspace=bulk-export");
        StringWriter csv = new StringWriter();

        view.writeCsv(csv, UI.getCurrent());

        List<List<String>> records = Csv.parse(csv.toString());
        assertThat(records.getFirst()).containsExactly("id", "time", "actor", "workspace", "action", "object_type",
                "object_id", "outcome", "details", "prev_hash", "hash");
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.get(3)).isEqualTo("bulk-export"));
        assertThat(rows).filteredOn(row -> row.get(4).equals("test.bulk")).hasSize(1200);
        assertThat(rows).filteredOn(row -> row.get(4).equals("audit.export")).isNotEmpty();
        assertThat($(Span.class).id("export-status").getText()).isEqualTo("Exported " + String.format(Locale.ENGLISH,
                "%,d", rows.size()) + " rows.");
        assertThat($(ProgressBar.class).id("export-progress").getValue()).isEqualTo(1.0);
    }

    @Test
    void exportProgressShowsTheShareOfRowsWrittenWhileItRuns() {
        navigate("audit", AuditView.class);
        ExportProgress progress = new ExportProgress(java.time.Duration.ZERO);
        UI.getCurrent().add(progress);

        ExportProgress.Reporter reporter = progress.start(UI.getCurrent(), 4000);
        reporter.rows(1000);

        assertThat(progress.isVisible()).isTrue();
        assertThat(progress.status()).isEqualTo("Exporting: 1,000 of 4,000 rows written");
        assertThat(progress.share()).isEqualTo(0.25);
    }

    @Test
    @WithMockUser(username = FINANCE_OWNER)
    void workspaceOwnerSeesOnlyTheirWorkspacesEntries() {
        navigate("audit", AuditView.class);

        assertThat(workspacesShown()).isNotEmpty().containsOnly("finance");
        assertThat($(Button.class).withId("verify-chain").exists()).as("the chain spans every workspace").isFalse();
    }

    @Test
    @WithMockUser(username = FINANCE_OWNER)
    void workspaceOwnerAskingForAnotherWorkspaceIsRefusedAndSeesNoEntry() {
        openAudit("workspace=customer-service");

        assertThat($(Paragraph.class).id("audit-query-refused").isVisible()).isTrue();
        assertThat($(Paragraph.class).id("audit-query-refused").getText()).contains("customer-service");
        assertThat(test(grid()).size()).isZero();
    }

    @Test
    @WithMockUser(username = "finance")
    void stewardIsRefusedTheAuditLog() {
        navigate("audit", AuditView.class);

        assertThat($(Paragraph.class).id("audit-refused").getText()).contains("auditors");
        assertThat($(Grid.class).withId("audit-grid").exists()).isFalse();
    }

    @Test
    void theAuditViewSpeaksSimplifiedChineseWhenChosen() {
        UI.getCurrent().setLocale(java.util.Locale.SIMPLIFIED_CHINESE);

        navigate("audit", AuditView.class);

        assertThat($(Button.class).id("verify-chain").getText()).isEqualTo("校验哈希链");
        assertThat($(TextField.class).id("filter-workspace").getLabel()).isEqualTo("工作空间");
    }

    /** Opens the view with filters in the address, as a link would. */
    private AuditView openAudit(String query) {
        UI.getCurrent().navigate("audit", QueryParameters.fromString(query));
        return (AuditView) getCurrentView();
    }

    @SuppressWarnings("unchecked")
    private Grid<AuditEntry> grid() {
        return $(Grid.class).id("audit-grid");
    }

    private List<AuditEntry> rows() {
        var grid = test(grid());
        List<AuditEntry> rows = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            rows.add(grid.getRow(i));
        }
        return rows;
    }

    private List<String> workspacesShown() {
        return rows().stream().map(AuditEntry::workspace).filter(w -> w != null).distinct().toList();
    }
}
