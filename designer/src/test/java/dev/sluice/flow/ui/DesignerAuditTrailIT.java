package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.tabs.TabSheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.audit.AuditEntry;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditQuery;
import dev.sluice.flowstore.FlowRef;

/** The audit log records what a steward did in the designer, not how the designer read what it showed. */
@WithMockUser(username = "finance")
class DesignerAuditTrailIT extends DemoDesignerTest {

    @Autowired
    AuditLog audit;

    @Test
    void comparingVersionsIsNotAnExportAndARollbackIsOneSave() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("audit-history"),
                "fixture");
        store.save("finance", flow.id(), 1, store.get("finance", flow.id(), 1).definition()
                .replace("\"ledger\"", "\"ledger-2\""), "new label");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(4);
        HistoryPanel history = $(HistoryPanel.class).single();

        history.showDiff();
        history.rollback();

        assertThat(entries(flow, "flow.export")).isEmpty();
        assertThat(entries(flow, "flow.save")).hasSize(2)
                .anySatisfy(save -> assertThat(save.details()).contains("version 1"));
    }

    @Test
    void openingTheRunTabWithNoDeadLettersRecordsNoViewing() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("audit-run"),
                "fixture");

        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(3);

        assertThat($(RunPanel.class).single().getElement().getOuterHTML()).contains("No dead letters");
        assertThat(entries(flow, "flow.deadletters.view")).isEmpty();
    }

    private List<AuditEntry> entries(FlowRef flow, String action) {
        return audit.search("admin", new AuditQuery(null, null, null, null, action, "flow",
                String.valueOf(flow.id())), 0, 50).entries();
    }
}
