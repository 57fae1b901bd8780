package dev.sluice.flow.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.tabs.TabSheet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.ShownEnglish;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.source.SourceStewardship;
import dev.sluice.workspace.WorkspaceService;

/**
 * The flow editor in Simplified Chinese shows no English ({@link ShownEnglish}): every node's form, problems with
 * their leaks, preview, run and history.
 */
@WithMockUser(username = "finance")
class ChineseEditorViewsIT extends DemoDesignerTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    SourceStewardship sources;

    @Autowired
    NodeRegistry registry;

    @Test
    void everyNodeFormAndTabOfTheEditorIsInChinese() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("chinese-editor"),
                "fixture");
        ShownEnglish english = new ShownEnglish(workspaces, sources, store,
                registry.all().stream().map(kind -> kind.id()).toList());
        UI.getCurrent().navigate("login");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        SoftAssertions softly = new SoftAssertions();
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        for (String node : List.of("users", "cny", "split", "mask", "ledger")) {
            editor.select(node);
            roundTrip();
            softly.assertThat(english.onPage("finance")).as("the form of " + node).isEmpty();
        }
        String[] tabs = {"problems", "preview", "run", "history"};
        for (int tab = 1; tab <= tabs.length; tab++) {
            $(TabSheet.class).single().setSelectedIndex(tab);
            roundTrip();
            softly.assertThat(english.onPage("finance")).as("the " + tabs[tab - 1] + " tab").isEmpty();
        }
        softly.assertAll();
    }
}
