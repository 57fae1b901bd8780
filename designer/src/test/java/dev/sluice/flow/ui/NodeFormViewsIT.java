package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.secret.SecretVault;
import dev.sluice.secret.ui.SecretChoice;

/**
 * The editors a node form picks by its kind's schema keywords (patterns, secrets, connections), browserless, as the
 * finance steward.
 */
@WithMockUser(username = "finance")
class NodeFormViewsIT extends DemoDesignerTest {

    @Autowired
    SecretVault secrets;

    @Autowired
    WorkspaceConnections connections;

    private static final String FLOW = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
               {"id": "cny", "kind": "filter", "config": {"pattern": %s}},
               {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
               {"id": "ledger", "kind": "target.jdbc", "config": {"connection": "ledger-db", "table": "accounts",
                 "key": ["user_id"], "columns": {"user_id": "$.data.userId"}}}],
             "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "ledger"}]}
            """;

    private static final String WEBHOOK_FLOW = """
            {"schemaVersion": 1, "name": "%s", "workspace": "%s",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
               {"id": "hook", "kind": "target.http", "config": %s}],
             "edges": [{"from": "users", "to": "hook"}]}
            """;

    /** The finance owner's secret and connections the forms offer: a database and a webhook, no broker. */
    @BeforeEach
    void financeHasASecretAndConnections() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("ledger-db"))) {
            secrets.create(FINANCE_OWNER, "finance", "ledger-db", "s3cret");
        }
        List<String> names = connections.list(FINANCE_OWNER, "finance").stream().map(c -> c.spec().name()).toList();
        if (!names.contains("ledger-db")) {
            connections.create(FINANCE_OWNER, "finance", new ConnectionSpec("ledger-db", "jdbc", "jdbc:h2:file:ledger",
                    null, null, Map.of(), "the ledger's accounts"));
        }
        if (!names.contains("ledger-api")) {
            connections.create(FINANCE_OWNER, "finance", new ConnectionSpec("ledger-api", "http",
                    "https://ledger.example/api", null, null, Map.of(), null));
        }
    }

    private FlowEditorView openWebhook(String name, String workspace, String config) {
        FlowRef flow = store.importFlow(workspace.equals("finance") ? "finance" : "service",
                WEBHOOK_FLOW.formatted(name, workspace, config), "test fixture");
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    private FlowEditorView open(String name, String pattern) {
        FlowRef flow = store.importFlow("finance", FLOW.formatted(name, pattern), "test fixture");
        return navigate("flows/" + flow.id(), FlowEditorView.class);
    }

    @Test
    void theFilterGetsTheRuleBuilderForItsEventPatternAndCountsTheMatchingSamples() {
        FlowEditorView editor = open("pattern-builder", "{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}");
        editor.select("cny");

        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");
        assertThat(patterns.isJsonMode()).isFalse();
        assertThat(patterns.rows()).singleElement().extracting(PatternRuleRow::rule)
                .isEqualTo(new PatternRules.Rule("data.payment.currency", PatternRules.Operator.EQUALS, "CNY"));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 2 of 10");
    }

    @Test
    void typingARuleUpdatesTheConfigAndTheMatchingCount() {
        FlowEditorView editor = open("pattern-typed", "{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");

        patterns.rows().getFirst().set("type", PatternRules.Operator.PREFIX, "user.c");

        assertThat(editor.draft().node("cny").orElseThrow().path("config").path("pattern"))
                .isEqualTo(FlowJson.parse("{\"type\": [{\"prefix\": \"user.c\"}]}"));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 4 of 10");

        patterns.addRow(new PatternRules.Rule("", PatternRules.Operator.EQUALS, ""))
                .set("data.reason", PatternRules.Operator.NOT_EXISTS, "");

        assertThat(editor.draft().node("cny").orElseThrow().path("config").path("pattern")).isEqualTo(FlowJson.parse(
                "{\"type\": [{\"prefix\": \"user.c\"}], \"data\": {\"reason\": [{\"exists\": false}]}}"));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 4 of 10");
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void aPatternTheBuilderCannotShowStaysJsonAndIsStillMatched() {
        FlowEditorView editor = open("pattern-or",
                "{\"$or\": [{\"type\": [\"user.deleted\"]}, {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 10000]}], \"currency\": [\"CNY\"]}}}]}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");

        assertThat(patterns.isJsonMode()).isTrue();
        patterns.toggleMode();
        assertThat(patterns.isJsonMode()).as("the builder cannot show an alternative of two fields").isTrue();
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 3 of 10");

        patterns.jsonTyped("{\"type\": [\"user.deleted\"]}");
        patterns.toggleMode();

        assertThat(patterns.isJsonMode()).isFalse();
        assertThat(patterns.rows()).extracting(PatternRuleRow::rule)
                .containsExactly(new PatternRules.Rule("type", PatternRules.Operator.EQUALS, "user.deleted"));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 2 of 10");
    }

    @Test
    void anOrAcrossFieldsOpensAsAnAnyOfGroupBesideTheRulesThatMustAllMatch() {
        FlowEditorView editor = open("pattern-any-of", "{\"type\": [{\"prefix\": \"user.\"}], \"$or\": [{\"type\": [\"user.deleted\"]},"
                + " {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 10000]}]}}}]}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");

        assertThat(patterns.isJsonMode()).isFalse();
        assertThat(patterns.rows()).extracting(PatternRuleRow::rule)
                .containsExactly(new PatternRules.Rule("type", PatternRules.Operator.PREFIX, "user."));
        assertThat(patterns.alternatives()).extracting(PatternRuleRow::rule).containsExactly(
                new PatternRules.Rule("type", PatternRules.Operator.EQUALS, "user.deleted"),
                new PatternRules.Rule("data.payment.monthlyLimit", PatternRules.Operator.GREATER, "10000"));
        assertThat(editor.draft().node("cny").orElseThrow().path("config").path("pattern").has("$or")).isTrue();
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 3 of 10");
    }

    @Test
    void currencyCnyOrADeletedUserIsBuiltAsAnAnyOfGroupWithoutJson() {
        FlowEditorView editor = open("pattern-group-built", "{\"type\": [{\"prefix\": \"user.\"}]}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 10 of 10");

        patterns.addAnyOfGroup();
        patterns.alternatives().get(0).set("data.payment.currency", PatternRules.Operator.EQUALS, "CNY");
        patterns.alternatives().get(1).set("type", PatternRules.Operator.EQUALS, "user.deleted");

        assertThat(editor.draft().node("cny").orElseThrow().path("config").path("pattern")).isEqualTo(FlowJson.parse("""
                {"type": [{"prefix": "user."}],
                 "$or": [{"data": {"payment": {"currency": ["CNY"]}}}, {"type": ["user.deleted"]}]}
                """));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 4 of 10");
        assertThat(editor.problems()).isEmpty();
        assertThat(patterns.isJsonMode()).isFalse();
    }

    @Test
    void anInvalidRuleIsShownBesideTheBuilder() {
        FlowEditorView editor = open("pattern-invalid", "{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");

        patterns.rows().getFirst().set("data.payment.monthlyLimit", PatternRules.Operator.GREATER, "lots");

        assertThat(patterns.isInvalid()).isTrue();
        assertThat(patterns.getErrorMessage()).contains("numeric");
        assertThat(editor.problems()).isNotEmpty();
    }

    @Test
    void aSecretIsChosenByNameAndWrittenAsAReferenceInsideItsObject() {
        FlowEditorView editor = openWebhook("secret-choice", "finance", "{\"url\": \"https://ledger.example/events\"}");
        editor.select("hook");

        SecretChoice key = $(SecretChoice.class).id("field-signature-key");
        assertThat(key.getListDataView().getItems()).contains("ledger-db");
        test(key).selectItem("ledger-db");

        assertThat(editor.draft().node("hook").orElseThrow().path("config").path("signature"))
                .isEqualTo(FlowJson.parse("{\"key\": {\"secret\": \"ledger-db\"}}"));
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void anOptionalChoiceOffersItsValuesAndNamesTheDefaultInsteadOfABlankOption() {
        FlowEditorView editor = openWebhook("method-choice", "finance", "{\"url\": \"https://ledger.example/events\"}");
        editor.select("hook");

        @SuppressWarnings("unchecked")
        Select<String> method = $(Select.class).id("field-method");
        assertThat(method.getListDataView().getItems()).containsExactly("POST", "PUT", "PATCH");
        assertThat(method.getValue()).isNull();
        assertThat(method.getEmptySelectionCaption()).isEqualTo("Default: POST");
        test(method).selectItem("PUT");
        assertThat(editor.draft().node("hook").orElseThrow().path("config").path("method").asText()).isEqualTo("PUT");
    }

    @Test
    void aWorkspaceWithoutSecretsSaysHowToGetOne() {
        signInAs("service");
        FlowEditorView editor = openWebhook("no-secrets", "customer-service",
                "{\"url\": \"https://ledger.example/events\"}");
        editor.select("hook");

        SecretChoice key = $(SecretChoice.class).id("field-signature-key");
        assertThat(key.getListDataView().getItems()).isEmpty();
        assertThat(key.getHelperText()).contains("no secrets yet");
    }

    @Test
    void aViewerIsNotToldTheWorkspaceHasNoSecretsNorThatTheFlowsSecretIsMissing() {
        FlowRef flow = store.importFlow("finance", WEBHOOK_FLOW.formatted("viewer-secrets", "finance",
                "{\"url\": \"https://ledger.example/events\", \"signature\": {\"key\": {\"secret\": \"ledger-db\"}}}"),
                "test fixture");
        signInAs("viewer");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("hook");

        SecretChoice key = $(SecretChoice.class).id("field-signature-key");
        assertThat(key.getHelperText()).doesNotContain("no secrets yet").contains("Only owners and stewards");
        assertThat(key.getItemLabelGenerator().apply("ledger-db")).isEqualTo("ledger-db");
    }

    @Test
    void aConnectionIsChosenAmongTheWorkspacesConnectionsOfTheKindItsSchemaNames() {
        FlowEditorView editor = open("connection-choice", "{\"type\": [\"user.created\"]}");
        editor.select("ledger");

        ConnectionChoice database = $(ConnectionChoice.class).id("field-connection");
        assertThat(database.getElement().getAttribute("data-connection-kind")).isEqualTo("jdbc");
        assertThat(database.getListDataView().getItems()).contains("ledger-db").doesNotContain("ledger-api");
        assertThat(database.getValue()).isEqualTo("ledger-db");

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "ids", "kind": "select", "x": 400, "y": 0},
                           {"id": "ledger", "kind": "target.jdbc", "x": 600, "y": 0},
                           {"id": "hook", "kind": "target.http", "x": 600, "y": 100}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "ledger"},
                           {"from": "ids", "to": "hook"}]}
                """);
        editor.select("hook");
        ConnectionChoice webhook = $(ConnectionChoice.class).id("field-connection");
        assertThat(webhook.getListDataView().getItems()).contains("ledger-api").doesNotContain("ledger-db");
        test(webhook).selectItem("ledger-api");
        test($(com.vaadin.flow.component.textfield.TextField.class).id("field-path")).setValue("/events");

        assertThat(editor.draft().node("hook").orElseThrow().path("config"))
                .isEqualTo(FlowJson.parse("{\"connection\": \"ledger-api\", \"path\": \"/events\"}"));
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void aConnectionTheWorkspaceLacksSaysSoAndTheChoiceLinksToTheConnectionsPage() {
        FlowEditorView editor = open("no-broker-connections", "{\"type\": [\"user.created\"]}");
        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "ids", "kind": "select", "x": 400, "y": 0},
                           {"id": "rabbit", "kind": "target.rabbitmq", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "rabbit"}]}
                """);
        editor.select("rabbit");

        ConnectionChoice broker = $(ConnectionChoice.class).id("field-connection");
        assertThat(broker.getListDataView().getItems()).isEmpty();
        assertThat(broker.getHelperComponent().getElement().getTextRecursively())
                .contains("no rabbitmq connections yet");
        assertThat(broker.getHelperComponent().getElement().getChildren()
                .filter(child -> !child.isTextNode() && "a".equals(child.getTag())).map(child -> child.getAttribute("href")))
                .containsExactly("workspaces/finance/connections");
        assertThat(broker.getItemLabelGenerator().apply("ledger-db")).isEqualTo("ledger-db (a jdbc connection, not this kind)");
        assertThat(broker.getItemLabelGenerator().apply("gone")).isEqualTo("gone (not in this workspace)");
    }
}
