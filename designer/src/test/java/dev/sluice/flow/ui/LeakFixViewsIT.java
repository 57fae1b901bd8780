package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.tabs.TabSheet;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowRef;

/** A leak listed in Problems is fixed by one click: its field masked or removed, and the leak is gone. */
@WithMockUser(username = "finance")
class LeakFixViewsIT extends DemoDesignerTest {

    /** Payment and national id selected for the ledger, nothing masked. */
    private static final String UNMASKED = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users", "types": ["user.payment.updated"]}},
               {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment", "$.data.nationalId"]}},
               {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
             "edges": [{"from": "users", "to": "split"}, {"from": "split", "to": "ledger"}]}
            """;

    @Test
    void maskingOneFieldAndRemovingTheOtherEndsEveryLeakWithAMaskNodeAfterTheSource() {
        FlowRef flow = store.importFlow("finance", UNMASKED.formatted("leak-fix"), "fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(1);
        assertThat(editor.leaks()).extracting(leak -> leak.leak().tag())
                .containsExactlyInAnyOrder("bank-account", "national-id");
        assertThat(fixes("national-id")).as("finance may not receive a national id in any form: only removal")
                .containsExactly("Remove $.data.nationalId");
        assertThat(fixes("bank-account")).containsExactly("Mask $.data.payment.bankAccount",
                "Remove $.data.payment.bankAccount");

        fix("bank-account", "leak-fix-mask");

        assertThat(editor.leaks()).extracting(leak -> leak.leak().tag()).containsExactly("national-id");
        assertThat(editor.draft().node("mask").orElseThrow().path("config").path("rules").toString())
                .isEqualTo("[{\"path\":\"$.data.payment.bankAccount\",\"mode\":\"partial\",\"keepLast\":4}]");
        assertThat($(NodeForm.class).single().getElement().getOuterHTML()).as("the mask's form is shown")
                .contains("mask");

        $(TabSheet.class).single().setSelectedIndex(1);
        fix("national-id", "leak-fix-remove");

        assertThat(editor.leaks()).isEmpty();
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.draft().node("mask").orElseThrow().path("config").path("rules")).hasSize(2);
    }

    /** The fix buttons of the leak group of {@code tag}, by their text. */
    private List<String> fixes(String tag) {
        return groupButtons(tag).stream().map(Button::getText).toList();
    }

    private void fix(String tag, String className) {
        test(groupButtons(tag).stream().filter(b -> b.hasClassName(className)).findFirst().orElseThrow()).click();
    }

    private List<Button> groupButtons(String tag) {
        return $(Button.class).all().stream()
                .filter(b -> b.hasClassName("leak-fix-mask") || b.hasClassName("leak-fix-remove"))
                .filter(b -> b.getParent().flatMap(com.vaadin.flow.component.Component::getParent)
                        .map(group -> group.getElement().getText().contains(tag)
                                || group.getElement().getOuterHTML().contains("Personal data " + tag))
                        .orElse(false))
                .toList();
    }
}
