package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.engine.Engine;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowSummary;

/**
 * What an open view shows follows the engine and the store without Refresh: the Run tab's counters, History's
 * versions and the flow list, each at the next live tick.
 */
@WithMockUser(username = "finance")
class LiveViewsIT extends DemoDesignerTest {

    private static final String SOURCE = "user-center.users";

    @Autowired
    LiveUpdates live;

    @Autowired
    FlowDeployments deployments;

    @Autowired
    Engine engine;

    @Autowired
    BrokerConnection broker;

    @Test
    void theRunTabCountsEventsAsTheyArriveWithoutPressingRefresh() throws Exception {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("live-run"), "fixture");
        deployments.deploy("finance", flow.id(), null);
        try {
            navigate("flows/" + flow.id(), FlowEditorView.class);
            $(TabSheet.class).single().setSelectedIndex(3);
            assertThat(counter("in")).isEqualTo("in: 0");

            for (int i = 0; i < 3; i++) {
                publish("live-run-" + i);
            }
            awaitIn(flow.id(), 3);

            tick();

            assertThat(counter("in")).isEqualTo("in: 3");
        } finally {
            deployments.undeploy("finance", flow.id(), true);
        }
    }

    @Test
    void theCanvasCountsEachNodesEventsAtTheNextTickWhicheverTabIsOpen() throws Exception {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("live-canvas"),
                "fixture");
        deployments.deploy("finance", flow.id(), null);
        try {
            navigate("flows/" + flow.id(), FlowEditorView.class);
            $(TabSheet.class).single().setSelectedIndex(4);

            publish("live-canvas-1");
            awaitIn(flow.id(), 1);
            tick();

            String counts = $(FlowCanvas.class).single().countsShown();
            assertThat(counts).contains("\"users\"", "\"ledger\"");
            assertThat(dev.sluice.flow.FlowJson.parse(counts).toString()).contains("\"in\":1");
        } finally {
            deployments.undeploy("finance", flow.id(), true);
        }
    }

    @Test
    void historyListsAVersionSavedElsewhereAtTheNextTick() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("live-history"),
                "fixture");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(4);
        assertThat(versionsShown()).isEqualTo(1);

        String json = store.export("finance", flow.id(), null);
        store.save("finance", flow.id(), 1, json.replace("\"ledger\"}", "\"ledger-2\"}"), "saved in another tab");
        tick();

        assertThat(versionsShown()).isEqualTo(2);
    }

    @Test
    void theFlowListShowsAFlowCreatedElsewhereAtTheNextTick() {
        navigate("workspaces/finance/flows", FlowsView.class);
        String name = "live-list-" + System.nanoTime();
        assertThat(flowsShown()).doesNotContain(name);

        store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted(name), "fixture");
        tick();

        assertThat(flowsShown()).contains(name);
    }

    /** Queues every live refresh and runs this session's, as the session would once free. */
    private void tick() {
        live.refreshNow();
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }

    private String counter(String name) {
        return $(Span.class).withAttribute("data-counter", name).single().getText();
    }

    @SuppressWarnings("unchecked")
    private int versionsShown() {
        Grid<?> grid = $(Grid.class).id("version-grid");
        return test(grid).size();
    }

    @SuppressWarnings("unchecked")
    private List<String> flowsShown() {
        Grid<FlowSummary> grid = $(Grid.class).id("flow-grid");
        return grid.getGenericDataView().getItems().map(FlowSummary::name).toList();
    }

    private void awaitIn(long flowId, long count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (engine.status(flowId).map(s -> s.in()).orElse(0L) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(engine.status(flowId).orElseThrow().in()).isEqualTo(count);
    }

    private void publish(String id) throws Exception {
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/user-center/users", "type": "user.payment.updated",
                 "subject": "U100002", "time": "2026-11-20T08:02:00Z",
                 "data": {"userId": "U100002", "payment": {"bankAccount": "6222020200001234", "currency": "CNY"}}}"""
                .formatted(id);
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(SOURCE, "user.payment.updated", new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .build(), event.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
