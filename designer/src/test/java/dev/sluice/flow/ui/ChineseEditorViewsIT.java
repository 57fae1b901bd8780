package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.ShownEnglish;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.json.Json;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;
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
        FlowEditorView editor = openInChinese(FlowDesignerViewsIT.PAYMENT_FLOW.formatted("chinese-editor"));
        SoftAssertions softly = new SoftAssertions();

        for (String node : List.of("users", "cny", "split", "mask", "ledger")) {
            editor.select(node);
            roundTrip();
            softly.assertThat(shownEnglish()).as("the form of " + node).isEmpty();
        }
        String[] tabs = {"problems", "preview", "run", "history"};
        for (int tab = 1; tab <= tabs.length; tab++) {
            $(TabSheet.class).single().setSelectedIndex(tab);
            roundTrip();
            softly.assertThat(shownEnglish()).as("the " + tabs[tab - 1] + " tab").isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyBuiltInKindsFormAndTheProblemsOfNewNodesAreInChinese() {
        FlowEditorView editor = openInChinese(FlowDesignerViewsIT.PAYMENT_FLOW.formatted("chinese-every-kind"));
        SoftAssertions softly = new SoftAssertions();
        // as from the palette: every kind the flow lacks, processors after the mask, every target after them
        ArrayNode nodes = Json.MAPPER.createArrayNode();
        ArrayNode edges = Json.MAPPER.createArrayNode();
        List<String> chain = new ArrayList<>(List.of("users", "cny", "split", "mask"));
        nodes.addObject().put("id", "users").put("kind", "source");
        nodes.addObject().put("id", "cny").put("kind", "filter");
        nodes.addObject().put("id", "split").put("kind", "select");
        nodes.addObject().put("id", "mask").put("kind", "mask");
        nodes.addObject().put("id", "ledger").put("kind", "target.log");
        List<String> targets = new ArrayList<>(List.of("ledger"));
        for (NodeKind<?> kind : registry.all()) {
            String id = "new-" + kind.id().replace('.', '-');
            if (kind.role() == NodeRole.PROCESSOR && !List.of("filter", "select", "mask").contains(kind.id())) {
                nodes.addObject().put("id", id).put("kind", kind.id());
                chain.add(id);
            } else if (kind.role() == NodeRole.TARGET && !kind.id().equals("target.log")) {
                nodes.addObject().put("id", id).put("kind", kind.id());
                targets.add(id);
            }
        }
        for (int i = 1; i < chain.size(); i++) {
            edges.addObject().put("from", chain.get(i - 1)).put("to", chain.get(i));
        }
        targets.forEach(target -> edges.addObject().put("from", chain.getLast()).put("to", target));
        nodes.forEach(node -> ((ObjectNode) node).put("x", 0).put("y", 0));
        ObjectNode graph = Json.MAPPER.createObjectNode();
        graph.set("nodes", nodes);
        graph.set("edges", edges);
        editor.graphChanged(graph.toString());

        nodes.forEach(node -> {
            editor.select(node.path("id").asText());
            roundTrip();
            softly.assertThat(shownEnglish()).as("the form of a " + node.path("kind").asText()).isEmpty();
        });
        $(TabSheet.class).single().setSelectedIndex(1);
        roundTrip();
        softly.assertThat(editor.problems()).as("new nodes start with something missing").isNotEmpty();
        softly.assertThat(shownEnglish()).as("the problems tab").isEmpty();
        softly.assertAll();
    }

    @Test
    void leaksInTheProblemsTabAreInChinese() {
        FlowEditorView editor = openInChinese("""
                {"schemaVersion": 1, "name": "chinese-leaks", "workspace": "finance",
                 "nodes": [
                   {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                   {"id": "enrich", "kind": "script", "config": {"code": "function process(event) { return event; }"}},
                   {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
                 "edges": [{"from": "users", "to": "enrich"}, {"from": "enrich", "to": "ledger"}]}
                """);

        $(TabSheet.class).single().setSelectedIndex(1);
        roundTrip();

        assertThat(editor.leaks()).isNotEmpty();
        assertThat(shownEnglish()).isEmpty();
        // one English word amid Chinese is not two in a row: how a value arrives is looked for by name
        assertThat($(VerticalLayout.class).id("problem-list").getElement().getTextRecursively())
                .contains("以明文的形式到达").doesNotContain(" clear", "masked-by");
    }

    private FlowEditorView openInChinese(String flowJson) {
        FlowRef flow = store.importFlow("finance", flowJson, "fixture");
        UI.getCurrent().navigate("login");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    private List<String> shownEnglish() {
        return new ShownEnglish(workspaces, sources, store, registry.all().stream().map(NodeKind::id).toList())
                .onPage("finance");
    }
}
