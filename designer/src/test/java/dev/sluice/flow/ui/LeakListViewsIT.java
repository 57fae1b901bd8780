package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flowstore.FlowRef;

/** The leak list speaks of personal fields and targets, not JSON paths into the flow document. */
@WithMockUser(username = "finance")
class LeakListViewsIT extends DemoDesignerTest {

    private static final String SCRIPT_BEFORE_TARGET = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
               {"id": "enrich", "kind": "script", "config": {"code": "function process(event) { return event; }"}},
               {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
             "edges": [{"from": "users", "to": "enrich"}, {"from": "enrich", "to": "ledger"}]}
            """;

    @Test
    void leaksAreGroupedByFieldInWordsAndCodeOnTheRouteIsNamed() {
        FlowRef flow = store.importFlow("finance", SCRIPT_BEFORE_TARGET.formatted("leaks-by-field"), "fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(1);

        long fields = editor.leaks().stream().map(leak -> leak.leak().tag() + leak.leak().sourcePath()).distinct()
                .count();
        VerticalLayout list = $(VerticalLayout.class).id("problem-list");
        assertThat(fields).isGreaterThan(1);
        assertThat(list.getChildren().filter(c -> c.hasClassName("leak-group"))).hasSize((int) fields);
        String shown = list.getElement().getTextRecursively();
        assertThat(shown).contains("Leak to ledger", "via users → enrich → ledger", "finance may")
                .doesNotContain("$.nodes[");
        assertThat($(Paragraph.class).id("leak-opaque-note").getText()).contains("cannot see inside enrich");
    }
}
