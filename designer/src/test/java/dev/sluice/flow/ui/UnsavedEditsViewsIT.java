package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.json.Json;

/** Edits not saved are marked, and leaving the editor with them asks first. */
@WithMockUser(username = "finance")
class UnsavedEditsViewsIT extends DemoDesignerTest {

    @Test
    void anEditIsMarkedUnsavedUntilSaved() {
        FlowEditorView editor = open("unsaved-marker");
        assertThat($(Span.class).withId("unsaved-marker").exists()).isFalse();

        editLabel(editor);

        assertThat($(Span.class).id("unsaved-marker").getText()).isEqualTo("Unsaved changes");
        editor.save();
        assertThat($(Span.class).withId("unsaved-marker").exists()).isFalse();
    }

    @Test
    void leavingWithUnsavedEditsAsksAndStaysUntilConfirmed() {
        FlowEditorView editor = open("unsaved-leave");
        editLabel(editor);

        UI.getCurrent().navigate("workspaces/finance/flows");

        assertThat(getCurrentView()).as("still in the editor").isSameAs(editor);
        ConfirmDialog ask = $(ConfirmDialog.class).id("confirm-leave");
        assertThat(ask.isOpened()).isTrue();
        test(ask).confirm();
        assertThat(getCurrentView()).isInstanceOf(FlowsView.class);
    }

    @Test
    void leavingWithNothingEditedDoesNotAsk() {
        open("unsaved-none");

        UI.getCurrent().navigate("workspaces/finance/flows");

        assertThat(getCurrentView()).isInstanceOf(FlowsView.class);
    }

    private FlowEditorView open(String name) {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted(name), "fixture");
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    private static void editLabel(FlowEditorView editor) {
        editor.draft().setConfig("ledger", Json.MAPPER.createObjectNode().put("label", "ledger-2"));
        editor.validate();
    }
}
