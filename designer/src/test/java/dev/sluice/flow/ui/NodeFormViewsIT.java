package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.secret.SecretVault;

/** The editors a node form picks by its kind's schema keywords, browserless, as the finance steward. */
@WithMockUser(username = "finance")
class NodeFormViewsIT extends DemoDesignerTest {

    @Autowired
    SecretVault secrets;

    private static final String FLOW = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
               {"id": "cny", "kind": "filter", "config": {"pattern": %s}},
               {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
               {"id": "ledger", "kind": "target.jdbc", "config": {"url": "jdbc:h2:mem:ledger", "table": "accounts",
                 "key": ["user_id"], "columns": {"user_id": "$.data.userId"}}}],
             "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "ledger"}]}
            """;

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
                "{\"$or\": [{\"type\": [\"user.deleted\"]}, {\"data\": {\"payment\": {\"monthlyLimit\": [{\"numeric\": [\">\", 10000]}]}}}]}");
        editor.select("cny");
        PatternEditor patterns = $(PatternEditor.class).id("field-pattern");

        assertThat(patterns.isJsonMode()).isTrue();
        patterns.toggleMode();
        assertThat(patterns.isJsonMode()).as("the builder cannot show $or").isTrue();
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 3 of 10");

        patterns.jsonTyped("{\"type\": [\"user.deleted\"]}");
        patterns.toggleMode();

        assertThat(patterns.isJsonMode()).isFalse();
        assertThat(patterns.rows()).extracting(PatternRuleRow::rule)
                .containsExactly(new PatternRules.Rule("type", PatternRules.Operator.EQUALS, "user.deleted"));
        assertThat(patterns.samples().countText()).isEqualTo("Matching samples: 2 of 10");
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
    void aSecretIsChosenByNameAndWrittenAsAReference() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("ledger-db"))) {
            secrets.create(FINANCE_OWNER, "finance", "ledger-db", "s3cret");
        }
        FlowEditorView editor = open("secret-choice", "{\"type\": [\"user.created\"]}");
        editor.select("ledger");

        SecretChoice password = $(SecretChoice.class).id("field-password");
        assertThat(password.getListDataView().getItems()).contains("ledger-db");
        test(password).selectItem("ledger-db");

        assertThat(editor.draft().node("ledger").orElseThrow().path("config").path("password"))
                .isEqualTo(FlowJson.parse("{\"secret\": \"ledger-db\"}"));
    }

    @Test
    void aWorkspaceWithoutSecretsSaysHowToGetOne() {
        signInAs("service");
        FlowRef flow = store.importFlow("service", FLOW.formatted("no-secrets", "{\"type\": [\"x\"]}")
                .replace("\"finance\"", "\"customer-service\""), "test fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("ledger");

        SecretChoice password = $(SecretChoice.class).id("field-password");
        assertThat(password.getListDataView().getItems()).isEmpty();
        assertThat(password.getHelperText()).contains("no secrets yet");
    }

    @Test
    void aViewerIsNotToldTheWorkspaceHasNoSecretsNorThatTheFlowsSecretIsMissing() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("ledger-db"))) {
            secrets.create(FINANCE_OWNER, "finance", "ledger-db", "s3cret");
        }
        FlowRef flow = store.importFlow("finance", FLOW.formatted("viewer-secrets", "{\"type\": [\"x\"]}")
                .replace("\"table\": \"accounts\"", "\"password\": {\"secret\": \"ledger-db\"}, \"table\": \"accounts\""),
                "test fixture");
        signInAs("viewer");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("ledger");

        SecretChoice password = $(SecretChoice.class).id("field-password");
        assertThat(password.getHelperText()).doesNotContain("no secrets yet").contains("Only owners and stewards");
        assertThat(password.getItemLabelGenerator().apply("ledger-db")).isEqualTo("ledger-db");
    }

    @Test
    void aSecretInsideAnObjectIsChosenTheSameWay() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("ledger-db"))) {
            secrets.create(FINANCE_OWNER, "finance", "ledger-db", "s3cret");
        }
        FlowEditorView editor = open("secret-in-broker", "{\"type\": [\"user.created\"]}");
        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "ids", "kind": "select", "x": 400, "y": 0},
                           {"id": "rabbit", "kind": "target.rabbitmq", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "rabbit"}]}
                """);
        editor.select("rabbit");

        test($(SecretChoice.class).id("field-broker-password")).selectItem("ledger-db");
        assertThat(editor.draft().fieldProblems("rabbit", editor.problems())).containsKey("broker");
        test($(com.vaadin.flow.component.textfield.TextField.class).id("field-broker-uri"))
                .setValue("amqp://ledger-broker:5672/");

        assertThat(editor.draft().node("rabbit").orElseThrow().path("config").path("broker")).isEqualTo(FlowJson.parse(
                "{\"password\": {\"secret\": \"ledger-db\"}, \"uri\": \"amqp://ledger-broker:5672/\"}"));
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void aWebhookHeaderIsTextOrASecretChosenByName() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("ledger-db"))) {
            secrets.create(FINANCE_OWNER, "finance", "ledger-db", "s3cret");
        }
        FlowEditorView editor = open("secret-header", "{\"type\": [\"user.created\"]}");
        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "ids", "kind": "select", "x": 400, "y": 0},
                           {"id": "hook", "kind": "target.http", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "ids"}, {"from": "ids", "to": "hook"}]}
                """);
        editor.select("hook");
        TextOrSecretMap headers = $(TextOrSecretMap.class).id("field-headers");

        headers.addRow("X-Team", FlowJson.parse("\"finance\""));
        headers.addRow("", null).chooseSecret("Authorization", "ledger-db");

        assertThat(editor.draft().node("hook").orElseThrow().path("config").path("headers")).isEqualTo(FlowJson.parse(
                "{\"X-Team\": \"finance\", \"Authorization\": {\"secret\": \"ledger-db\"}}"));
        assertThat(editor.problems()).isEmpty();
    }
}
