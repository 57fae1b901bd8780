package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowSummary;

/** A viewer reads flows: the designer offers no change it would refuse. */
@WithMockUser(username = "viewer", roles = "USER")
class ViewerReadOnlyViewsIT extends DemoDesignerTest {

    @Test
    void theEditorIsReadOnlyForAViewer() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("read-only"),
                "fixture");

        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        assertThat($(Button.class).withId("save-flow").exists()).as("no save").isFalse();
        assertThat($(FlowCanvas.class).single().isReadOnly()).as("no palette, no dragging or connecting").isTrue();
        assertThat(editor.getElement().getTextRecursively()).contains("Read only");
        editor.select("mask");
        assertThat($(NodeForm.class).single().fieldsShown()).isNotEmpty()
                .filteredOn(HasValue.class::isInstance).isNotEmpty()
                .allSatisfy(field -> assertThat(((HasValue<?, ?>) field).isReadOnly()).isTrue());

        $(TabSheet.class).single().setSelectedIndex(3);
        assertThat($(Button.class).withId("deploy-flow").exists()).as("no deploy").isFalse();
        assertThat($(Button.class).withId("pause-flow").exists()).isFalse();
        $(TabSheet.class).single().setSelectedIndex(4);
        assertThat($(Button.class).withId("rollback").exists()).as("no rollback").isFalse();
        assertThat($(Button.class).withId("show-diff").exists()).as("comparing stays").isTrue();
    }

    @Test
    void theFlowListOffersAViewerNoCreateImportDuplicateOrDelete() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("listed"), "fixture");

        FlowsView list = navigate("workspaces/finance/flows", FlowsView.class);

        assertThat($(Button.class).withId("create-flow").exists()).isFalse();
        assertThat($(Upload.class).withId("import-flow").exists()).isFalse();
        FlowSummary listed = store.list("viewer", "finance").stream().filter(f -> f.id() == flow.id()).findFirst()
                .orElseThrow();
        assertThat(list.rowActions(listed).getChildren()).as("export only")
                .noneMatch(action -> action instanceof Button);
    }

    @Test
    @WithMockUser(username = "finance")
    void aStewardStillGetsTheFullEditor() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("editable"),
                "fixture");

        navigate("flows/" + flow.id(), FlowEditorView.class);

        assertThat($(Button.class).withId("save-flow").exists()).isTrue();
        assertThat($(FlowCanvas.class).single().isReadOnly()).isFalse();
    }
}
