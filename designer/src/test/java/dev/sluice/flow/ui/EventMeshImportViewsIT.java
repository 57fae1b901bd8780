package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowSummary;

/** "Import from EventMesh" on the flows page, browserless, as the finance steward. */
@WithMockUser(username = "finance")
class EventMeshImportViewsIT extends DemoDesignerTest {

    @Test
    void stewardImportsEventMeshRulesAndSeesTheNotesAndALinkToTheNewFlow() {
        navigate("workspaces/finance/flows", FlowsView.class);
        test($(Button.class).id("import-eventmesh")).click();
        $(EventMeshImportDialog.class).single();

        assertThat($(Select.class).id("eventmesh-workspace").getValue()).isEqualTo("finance");
        assertThat($(Select.class).id("eventmesh-source").getValue()).as("a readable source is chosen").isNotNull();
        test($(Select.class).id("eventmesh-source")).selectItem("user-center.users");
        test($(TextField.class).id("eventmesh-name")).setValue("from-eventmesh-rules");
        test($(TextArea.class).id("eventmesh-filter")).setValue("{\"data\": {\"state\": [{\"exists\": false}]}}");
        test($(Select.class).id("eventmesh-type")).selectItem("template");
        test($(TextArea.class).id("eventmesh-value")).setValue("{\"data-name\": \"$.data.name\"}");
        test($(TextArea.class).id("eventmesh-template")).setValue("name is ${data-name}");
        test($(Button.class).id("eventmesh-import")).click();

        long id = store.list("finance", "finance").stream().filter(f -> f.name().equals("from-eventmesh-rules"))
                .findFirst().map(FlowSummary::id).orElseThrow();
        assertThat($(Anchor.class).id("eventmesh-open").getHref()).isEqualTo("flows/" + id);
        List<String> notes = $(ListItem.class).all().stream().map(ListItem::getText).toList();
        assertThat(notes).anySatisfy(note -> assertThat(note)
                .startsWith("$.filter.data.state[0]: EventMesh's exists: false matches no event"));
    }

    @Test
    void eventMeshImportShowsEachProblemNextToItsField() {
        navigate("workspaces/finance/flows", FlowsView.class);
        test($(Button.class).id("import-eventmesh")).click();

        test($(TextArea.class).id("eventmesh-filter")).setValue("{\"data\": {\"state\": \"enable\"}}");
        test($(Select.class).id("eventmesh-type")).selectItem("template");
        test($(TextArea.class).id("eventmesh-value")).setValue("{\"n\": \"$.data.name\"}");
        test($(Button.class).id("eventmesh-import")).click();

        assertThat($(TextField.class).id("eventmesh-name").isInvalid()).isTrue();
        TextArea filter = $(TextArea.class).id("eventmesh-filter");
        assertThat(filter.isInvalid()).isTrue();
        assertThat(filter.getErrorMessage()).startsWith(".data.state EventMesh reads no condition");
        assertThat($(TextArea.class).id("eventmesh-template").isInvalid()).isTrue();
        assertThat($(Anchor.class).withId("eventmesh-open").exists()).isFalse();
    }
}
