package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowDrafts;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.json.Json;

/**
 * No lost work: edits are kept on the server as the user's draft (valid or not) and restored on return with a
 * notice; closing the tab asks while edits are unsaved; a flow can be renamed from the editor.
 */
@WithMockUser(username = "finance")
class DraftsViewsIT extends DemoDesignerTest {

    @Autowired
    FlowDrafts drafts;

    @Test
    void editsLeftBehindAreRestoredOnReturnWithANoticeAndTheUnsavedMarker() {
        FlowRef flow = stored("draft-restored");
        FlowEditorView editor = open(flow);
        editLabel(editor, "ledger-2");

        leaveConfirming();
        FlowEditorView back = open(flow);

        assertThat(back).isNotSameAs(editor);
        assertThat(back.draft().node("ledger").orElseThrow().path("config").path("label").asText())
                .isEqualTo("ledger-2");
        assertThat($(Span.class).id("draft-notice-text").getText()).startsWith("Restored your unsaved changes from ");
        assertThat($(Button.class).id("discard-draft").getText()).isEqualTo("Discard draft");
        assertThat($(Span.class).id("unsaved-marker").isVisible()).isTrue();
        assertThat(back.warnsBeforeUnload()).isTrue();
    }

    @Test
    void discardingTheDraftGoesBackToTheSavedVersion() {
        FlowRef flow = stored("draft-discarded");
        editLabel(open(flow), "ledger-2");
        leaveConfirming();
        FlowEditorView back = open(flow);

        test($(Button.class).id("discard-draft")).click();

        assertThat(back.draft().node("ledger").orElseThrow().path("config").path("label").asText())
                .isEqualTo("ledger");
        assertThat($(Div.class).withId("draft-notice").exists()).isFalse();
        assertThat($(Span.class).withId("unsaved-marker").exists()).isFalse();
        assertThat(drafts.find("finance", flow.id())).isEmpty();
    }

    @Test
    void savingAVersionDeletesTheDraft() {
        FlowRef flow = stored("draft-saved");
        FlowEditorView editor = open(flow);
        editLabel(editor, "ledger-2");
        assertThat(drafts.find("finance", flow.id())).isPresent();

        editor.save();

        assertThat(drafts.find("finance", flow.id())).isEmpty();
        assertThat(editor.warnsBeforeUnload()).isFalse();
    }

    @Test
    void anotherUsersDraftIsNotShown() {
        FlowRef flow = stored("draft-of-another");
        drafts.keep(FINANCE_OWNER, flow.id(), 1, PAYMENT.formatted("draft-of-another")
                .replace("\"label\": \"ledger\"", "\"label\": \"theirs\""));

        FlowEditorView editor = open(flow);

        assertThat($(Div.class).withId("draft-notice").exists()).isFalse();
        assertThat(editor.draft().node("ledger").orElseThrow().path("config").path("label").asText())
                .isEqualTo("ledger");
    }

    @Test
    void aDraftMadeOnAVersionSavedOverSaysSo() {
        FlowRef flow = stored("draft-outdated");
        editLabel(open(flow), "mine");
        leaveConfirming();
        store.save(FINANCE_OWNER, flow.id(), 1, PAYMENT.formatted("draft-outdated").replace("\"label\": \"ledger\"",
                "\"label\": \"theirs\""), "theirs");

        open(flow);

        assertThat($(Span.class).id("draft-notice-outdated").getText())
                .contains("made on version 1; version 2 was saved since by " + FINANCE_OWNER);
    }

    @Test
    void anInvalidFlowIsKeptAsADraftAndSaveSaysSo() {
        FlowRef flow = stored("draft-invalid");
        FlowEditorView editor = open(flow);
        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}]}
                """);

        editor.save();

        assertThat($(Div.class).id("save-refused").getText())
                .isEqualTo("Your changes are kept as a draft; fix the problems to save a version.");
        assertThat($(TabSheet.class).single().getSelectedIndex()).as("the problems are shown, in words").isEqualTo(1);
        assertThat(drafts.find("finance", flow.id()).orElseThrow().document()).doesNotContain("ledger");
    }

    @Test
    void closingTheTabAsksOnlyWhileEditsAreUnsaved() {
        FlowEditorView editor = open(stored("draft-unload"));
        assertThat(editor.warnsBeforeUnload()).isFalse();

        editLabel(editor, "ledger-2");
        assertThat(editor.warnsBeforeUnload()).isTrue();
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations())
                .anyMatch(js -> js.getInvocation().getExpression().contains("addEventListener('beforeunload'"));

        editLabel(editor, "ledger");
        assertThat(editor.warnsBeforeUnload()).as("back to the saved version").isFalse();
    }

    @Test
    void aNodeFromThePaletteStartsEmptyAndProblemsSayWhatIsMissing() {
        FlowEditorView editor = open(stored("draft-new-nodes"));

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "filter", "kind": "filter", "x": 200, "y": 0},
                           {"id": "hide", "kind": "mask", "x": 400, "y": 0},
                           {"id": "hook", "kind": "target.http", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "filter"}, {"from": "filter", "to": "hide"},
                           {"from": "hide", "to": "hook"}]}
                """);

        assertThat(editor.draft().node("filter").orElseThrow().path("config").isEmpty()).isTrue();
        assertThat(editor.draft().node("hide").orElseThrow().path("config").isEmpty()).isTrue();
        assertThat(editor.draft().node("hook").orElseThrow().path("config").isEmpty()).isTrue();
        $(TabSheet.class).id("editor-tabs").setSelectedIndex(1);
        assertThat($(Button.class).from($(VerticalLayout.class).id("problem-list")).all()).extracting(Button::getText)
                .contains("filter: choose a field and a value", "hide: add at least one rule", "hook: URL is required (or choose a webhook connection)");
        assertThat(editor.draft().json()).doesNotContain("user-pseudonym-key").doesNotContain("ledger.internal")
                .doesNotContain("CNY");
        $(TabSheet.class).id("editor-tabs").setSelectedIndex(0);
        editor.select("hook");
        assertThat($(TextField.class).id("field-url").getPlaceholder()).isEqualTo("https://ledger.internal/events");
        assertThat($(TextField.class).id("field-url").getValue()).isEmpty();
    }

    @Test
    void aStewardRenamesTheFlowAndATakenNameIsRefusedBesideTheField() {
        stored("rename-taken");
        FlowRef flow = stored("rename-me");
        open(flow);

        test($(Button.class).id("rename-flow")).click();
        test($(TextField.class).id("rename-flow-name")).setValue("rename-taken");
        test($(Button.class).id("rename-flow-apply")).click();
        TextField name = $(TextField.class).id("rename-flow-name");
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Workspace finance already has a flow named rename-taken.");

        test(name).setValue("renamed-flow");
        test($(Button.class).id("rename-flow-apply")).click();

        assertThat($(H2.class).id("flow-title").getText()).isEqualTo("renamed-flow");
        assertThat(store.get("finance", flow.id(), null).flow().name()).isEqualTo("renamed-flow");
        assertThat($(Span.class).withId("unsaved-marker").exists()).as("a rename is no unsaved edit").isFalse();
    }

    private static final String PAYMENT = FlowDesignerViewsIT.PAYMENT_FLOW;

    private FlowRef stored(String name) {
        return store.importFlow("finance", PAYMENT.formatted(name), "fixture");
    }

    private FlowEditorView open(FlowRef flow) {
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    private void leaveConfirming() {
        UI.getCurrent().navigate("workspaces/finance/flows");
        test($(ConfirmDialog.class).id("confirm-leave")).confirm();
    }

    private static void editLabel(FlowEditorView editor, String label) {
        editor.draft().setConfig("ledger", Json.MAPPER.createObjectNode().put("label", label));
        editor.validate();
    }
}
