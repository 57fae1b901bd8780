package dev.sluice.connection.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.sluice.DemoDesignerTest;
import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.flow.FlowJson;
import dev.sluice.secret.SecretVault;
import dev.sluice.secret.ui.TextOrSecretMap;
import dev.sluice.target.SecretRef;

/** A workspace's Connections page, browserless: owners add and change, stewards test, viewers read. */
class ConnectionsViewsIT extends DemoDesignerTest {

    @Autowired
    WorkspaceConnections connections;

    @Autowired
    SecretVault secrets;

    @BeforeEach
    void financeHasATokenAndAWebhook() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("crm-token"))) {
            secrets.create(FINANCE_OWNER, "finance", "crm-token", "t0ken");
        }
        if (connections.list(FINANCE_OWNER, "finance").stream().noneMatch(c -> c.spec().name().equals("crm-api"))) {
            connections.create(FINANCE_OWNER, "finance", new ConnectionSpec("crm-api", "http",
                    "https://crm.example/api", null, null, Map.of("Authorization", new SecretRef("crm-token")),
                    "the CRM's webhooks"));
        }
    }

    private ConnectionsView open(String user, String workspace) {
        signInAs(user);
        return navigate("workspaces/" + workspace + "/connections", ConnectionsView.class);
    }

    @Test
    void anOwnerAddsAnHttpConnectionWithASecretHeaderAndSeesItListed() {
        open(FINANCE_OWNER, "finance");

        test($(Button.class).id("connection-add")).click();
        ConnectionDialog dialog = $(ConnectionDialog.class).single();
        test($(Select.class).id("connection-kind")).selectItem("HTTP (webhook base URL)");
        assertThat($(TextField.class).id("connection-url").getPlaceholder()).isEqualTo("e.g. https://ledger.internal/api");
        assertThat($(TextField.class).withId("connection-username").exists()).as("HTTP signs in with headers").isFalse();
        test($(TextField.class).id("connection-name")).setValue("billing-hooks");
        test($(TextField.class).id("connection-url")).setValue("https://billing.example/hooks");
        TextOrSecretMap headers = $(TextOrSecretMap.class).id("connection-headers");
        headers.addRow("X-Team", FlowJson.parse("\"finance\""));
        headers.addRow("", null).chooseSecret("Authorization", "crm-token");
        test($(Button.class).id("connection-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        ConnectionSpec stored = connections.get(FINANCE_OWNER, "finance", "billing-hooks").spec();
        assertThat(stored.kind()).isEqualTo("http");
        assertThat(stored.headers()).containsEntry("X-Team", "finance")
                .containsEntry("Authorization", new SecretRef("crm-token"));
        @SuppressWarnings("unchecked")
        Grid<ConnectionInfo> grid = $(Grid.class).id("connections-grid");
        assertThat(grid.getListDataView().getItems().map(info -> info.spec().name())).contains("billing-hooks", "crm-api");
    }

    @Test
    void eachProblemIsShownNextToItsFieldAndNothingIsStored() {
        open(FINANCE_OWNER, "finance");
        test($(Button.class).id("connection-add")).click();
        ConnectionDialog dialog = $(ConnectionDialog.class).single();

        test($(TextField.class).id("connection-name")).setValue("Ledger DB");
        test($(TextField.class).id("connection-url")).setValue("jdbc:h2:mem:ledger;INIT=RUNSCRIPT FROM 'x.sql'");
        test($(Button.class).id("connection-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.problem("name")).contains("lower-case");
        assertThat(dialog.problem("url")).isNotBlank();
        assertThat(dialog.problem("kind")).isNull();
        assertThat(connections.list(FINANCE_OWNER, "finance")).noneMatch(c -> c.spec().name().equalsIgnoreCase("Ledger DB"));

        test($(TextField.class).id("connection-name")).setValue("crm-api");
        test($(TextField.class).id("connection-url")).setValue("jdbc:postgresql://ledger-db.internal:5432/ledger");
        test($(Button.class).id("connection-save")).click();

        assertThat(dialog.problem("url")).as("cleared once the URL is fine").isNull();
        assertThat(dialog.problem("name")).as("the name is taken").contains("already has a connection named 'crm-api'");
    }

    @Test
    void anOwnerChangesAConnectionWithItsNameKept() {
        ConnectionsView view = open(FINANCE_OWNER, "finance");
        view.openEditor(connections.get(FINANCE_OWNER, "finance", "crm-api"));

        assertThat($(TextField.class).id("connection-name").isReadOnly()).isTrue();
        assertThat($(TextOrSecretMap.class).id("connection-headers").rows()).hasSize(1);
        test($(TextField.class).id("connection-url")).setValue("https://crm.example/api/v2");
        test($(Button.class).id("connection-save")).click();

        assertThat(connections.get(FINANCE_OWNER, "finance", "crm-api").spec().url()).isEqualTo("https://crm.example/api/v2");
        ConnectionSpec changed = connections.get(FINANCE_OWNER, "finance", "crm-api").spec();
        connections.replace(FINANCE_OWNER, "finance", "crm-api", new ConnectionSpec("crm-api", "http",
                "https://crm.example/api", null, null, changed.headers(), changed.description()));
    }

    @Test
    void aViewerReadsTheConnectionsButGetsNoControlsToChangeOrTestThem() {
        open("viewer", "finance");

        assertThat($(Button.class).withId("connection-add").exists()).isFalse();
        @SuppressWarnings("unchecked")
        Grid<ConnectionInfo> grid = $(Grid.class).id("connections-grid");
        assertThat(grid.getListDataView().getItems().map(info -> info.spec().name())).contains("crm-api");
        assertThat(grid.getColumns()).as("name, kind, URL, user, secrets, last changed; no actions").hasSize(6);
    }

    @Test
    void aWorkspaceWithoutConnectionsTellsAStewardToAskAnOwner() {
        open("service", "customer-service");

        assertThat($(Paragraph.class).id("connections-empty").getText()).contains("Ask an owner of this workspace");
        assertThat($(Grid.class).withId("connections-grid").exists()).as("no empty grid").isFalse();
        assertThat($(Button.class).withId("connection-add").exists()).isFalse();
    }

    @Test
    void aStewardTestsAConnectionAndSeesWhetherItWasReached() {
        ConnectionsView view = open("finance", "finance");
        view.runTestsWith(Runnable::run);

        view.test("crm-api");

        ConnectionTestResult result = view.testResult();
        assertThat(result.isVisible()).isTrue();
        assertThat(result.state()).isIn("reachable", "unreachable");
        assertThat(result.text()).contains("crm-api");
    }

    @Test
    void aPlatformAdminIsToldToAddOneInAnEmptyWorkspace() {
        signInAs("admin");
        navigate("workspaces/customer-service/connections", ConnectionsView.class);

        assertThat($(Paragraph.class).id("connections-empty").getText()).contains("Add a connection");
        assertThat($(Button.class).id("connection-add").isVisible()).isTrue();
    }
}
