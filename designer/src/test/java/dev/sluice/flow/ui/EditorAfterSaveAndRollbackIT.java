package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowVersionInfo;

/** What the editor shows after a save or a rollback is what is stored then. */
@WithMockUser(username = "finance")
class EditorAfterSaveAndRollbackIT extends DemoDesignerTest {

    @Test
    void historyListsTheVersionJustSaved() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("history-save"),
                "fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(4);

        editor.save();

        @SuppressWarnings("unchecked")
        Grid<FlowVersionInfo> versions = $(Grid.class).id("version-grid");
        assertThat(test(versions).size()).isEqualTo(2);
        assertThat(test(versions).getRow(0).version()).isEqualTo(2);
    }

    @Test
    void aRollbackThatRemovesTheSelectedNodeClosesItsForm() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("rollback-form"),
                "fixture");
        store.save("finance", flow.id(), 1, store.get("finance", flow.id(), 1).definition()
                .replace("\"ledger\"", "\"ledger-2\""), "renamed the target");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("ledger-2");
        assertThat($(NodeForm.class).exists()).isTrue();
        $(TabSheet.class).single().setSelectedIndex(4);
        HistoryPanel history = $(HistoryPanel.class).single();

        history.rollback();

        assertThat(editor.draft().node("ledger-2")).isEmpty();
        assertThat($(NodeForm.class).exists()).as("no form of a node the flow no longer has").isFalse();
    }
}
