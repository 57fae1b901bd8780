package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.tabs.TabSheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.base.ui.MainLayout;
import dev.sluice.engine.Engine;
import dev.sluice.engine.FlowStatus;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.source.EventIngest;

/** What the editor's canvas is told: node summaries, problem and leak badges, live counts; the side panel folds. */
@WithMockUser(username = "finance")
class CanvasViewsIT extends DemoDesignerTest {

    @Autowired
    FlowDeployments deployments;

    @Autowired
    Engine engine;

    @Autowired
    EventIngest ingest;

    private FlowEditorView open(String name) {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted(name), "test fixture");
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    private static JsonNode state(FlowEditorView editor, String name) {
        return FlowJson.parse(editor.canvas().shown(name));
    }

    @Test
    void theNavigationDrawerFoldsAwayForTheCanvasAndUnfoldsOnLeaving() {
        navigate("workspaces/finance/flows", FlowsView.class);
        MainLayout layout = $(MainLayout.class).single();
        assertThat(layout.isDrawerOpened()).isTrue();

        open("canvas-wide");
        assertThat(layout.isDrawerOpened()).as("drawer while the editor shows").isFalse();

        navigate("workspaces/finance/flows", FlowsView.class);
        assertThat(layout.isDrawerOpened()).as("drawer back on the flow list").isTrue();
    }

    @Test
    void eachNodeOpensWithTheOneLineSummaryOfItsSettings() {
        FlowEditorView editor = open("canvas-summaries");

        JsonNode nodes = state(editor, "model").path("nodes");
        assertThat(nodes).extracting(n -> n.path("id").asText() + ": " + n.path("summary").asText()).contains(
                "users: user-center.users · user.payment.updated", "cny: currency = CNY",
                "split: userId, payment", "mask: bankAccount → last 4", "ledger: ledger");
    }

    @Test
    void aSummaryFollowsTheNodesFormAsItChangesTheConfig() {
        FlowEditorView editor = open("canvas-summary-follows");
        editor.select("split");

        $(NodeForm.class).single().addPath("paths", "$.data.contact.phone");

        assertThat(state(editor, "notes").path("summaries").path("split").asText())
                .isEqualTo("userId, payment, phone");
    }

    @Test
    void problemsAndLeaksAreNotedOnTheirNodesForTheirBadges() {
        FlowEditorView editor = open("canvas-badges");

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 260, "y": 0},
                           {"id": "split", "kind": "select", "x": 520, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 780, "y": 0},
                           {"id": "extra", "kind": "select", "x": 260, "y": 200}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "ledger"},
                           {"from": "users", "to": "extra"}]}
                """);

        JsonNode notes = state(editor, "notes");
        assertThat(notes.path("problems").path("extra")).isNotEmpty();
        assertThat(notes.path("problems").has("cny")).isFalse();

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 260, "y": 0},
                           {"id": "split", "kind": "select", "x": 520, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 780, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "ledger"}]}
                """);

        assertThat(state(editor, "notes").path("leaks").path("ledger").toString())
                .contains("bank-account $.data.payment.bankAccount");
    }

    @Test
    void aDeployedFlowShowsEachNodesCountsOnTheCanvasWhenTheRunTabRefreshes() throws Exception {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("canvas-counts"),
                "test fixture");
        deployments.deploy("finance", flow.id(), null);
        try {
            awaitRunning(flow.id());
            ingest.publish("user-center.users", List.of(payment("c1", "CNY"), payment("c2", "USD")));
            awaitCount(flow.id(), "cny", 2);

            FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
            $(TabSheet.class).single().setSelectedIndex(3);

            JsonNode counts = FlowJson.parse(editor.canvas().countsShown()).path("nodes");
            assertThat(counts.path("users").path("in").asLong()).isEqualTo(2);
            assertThat(counts.path("cny").path("out").asLong()).as("the USD payment filtered out").isEqualTo(1);
            assertThat(counts.path("cny").path("health").asText()).isEqualTo("OK");
            String shown = editor.canvas().countsShown();
            editor.canvas().showCounts(engine.status(flow.id()).orElseThrow());
            assertThat(editor.canvas().countsShown()).as("unchanged counts are not sent again").isSameAs(shown);
        } finally {
            deployments.undeploy("finance", flow.id(), true);
        }
    }

    @Test
    void theSidePanelFoldsAwayAndBack() {
        open("canvas-side-panel");
        SidePanelToggle toggle = $(SidePanelToggle.class).single();
        TabSheet side = $(TabSheet.class).single();

        test(toggle).click();
        assertThat(toggle.isCollapsed()).isTrue();
        assertThat(side.isVisible()).isFalse();

        test(toggle).click();
        assertThat(side.isVisible()).isTrue();
    }

    private static ObjectNode payment(String id, String currency) {
        return (ObjectNode) FlowJson.parse("""
                {"specversion": "1.0", "id": "%s", "source": "/user-center/users", "type": "user.payment.updated",
                 "data": {"userId": "U1", "payment": {"bankAccount": "6222020200112233", "currency": "%s"}}}"""
                .formatted(id, currency));
    }

    private void awaitRunning(long flowId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!engine.isRunning(flowId) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(engine.isRunning(flowId)).isTrue();
    }

    private void awaitCount(long flowId, String node, long in) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && engine.status(flowId).map(FlowStatus::nodes)
                .map(nodes -> nodes.containsKey(node) && nodes.get(node).in() >= in).orElse(false) == Boolean.FALSE) {
            Thread.sleep(200);
        }
        assertThat(engine.status(flowId).orElseThrow().nodes().get(node).in()).isGreaterThanOrEqualTo(in);
    }
}
