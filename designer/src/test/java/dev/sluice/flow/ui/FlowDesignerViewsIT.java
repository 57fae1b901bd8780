package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.engine.Engine;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowRef;

/** The flow list and editor views, browserless, as the finance steward. */
@WithMockUser(username = "finance")
class FlowDesignerViewsIT extends DemoDesignerTest {

    @Autowired
    FlowDeployments deployments;

    @Autowired
    Engine engine;

    static final String PAYMENT_FLOW = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users", "types": ["user.payment.updated"]}},
               {"id": "cny", "kind": "filter", "config": {"pattern": {"data": {"payment": {"currency": ["CNY"]}}}}},
               {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment"]}},
               {"id": "mask", "kind": "mask", "config": {"rules": [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]}},
               {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
             "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "mask"},
                       {"from": "mask", "to": "ledger"}]}
            """;

    private FlowRef stored(String name) {
        return store.importFlow("finance", PAYMENT_FLOW.formatted(name), "test fixture");
    }

    @Test
    void stewardCreatesAFlowFromANameAndLandsInItsEditorWithAValidFlow() {
        FlowsView flows = navigate("workspaces/finance/flows", FlowsView.class);

        flows.create("created-in-view");

        FlowEditorView editor = (FlowEditorView) getCurrentView();
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.draft().node("source")).isPresent();
        assertThat(editor.draft().node("log")).isPresent();
    }

    @Test
    void importOfABrokenFlowListsEveryProblemAtItsNodeAndMarksThemOnTheImportedGraph() {
        FlowsView flows = navigate("workspaces/finance/flows", FlowsView.class);

        flows.importFlow("""
                {"schemaVersion": 1, "name": "broken", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "x", "kind": "uppercase", "config": {}},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "out"}, {"from": "users", "to": "ghost"}]}
                """);

        List<String> lines = $(ListItem.class).all().stream().map(ListItem::getText).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("x: $.nodes[1].kind"))
                .anySatisfy(line -> assertThat(line).startsWith("users: $.edges[1].to"));
        JsonNode graph = FlowJson.parse(flows.importGraph()).path("sides").path(0);
        assertThat(marks(graph)).containsExactlyEntriesOf(java.util.Map.of("x", "invalid"));
        assertThat(graph.path("edges").toString()).contains("{\"from\":\"users\",\"to\":\"ghost\",\"mark\":\"invalid\"}");
    }

    @Test
    void searchShowsOnlyMatchingFlows() {
        stored("alpha-ledger");
        stored("beta-audit");
        FlowsView flows = navigate("workspaces/finance/flows", FlowsView.class);

        test($(TextField.class).id("flow-search")).setValue("alpha");

        assertThat(flows.getElement().getOuterHTML()).doesNotContain("beta-audit");
    }

    @Test
    void duplicatingAFlowSavesACopyUnderAFreeNameAndOpensIt() {
        FlowRef original = stored("to-copy");
        FlowsView flows = navigate("workspaces/finance/flows", FlowsView.class);
        var summary = store.list("finance", "finance").stream().filter(f -> f.name().equals("to-copy")).findFirst()
                .orElseThrow();

        flows.duplicate(summary);
        flows.duplicate(summary);

        assertThat(store.list("finance", "finance")).extracting(f -> f.name())
                .contains("to-copy", "to-copy-copy", "to-copy-copy-2");
        FlowEditorView editor = (FlowEditorView) getCurrentView();
        assertThat(editor.draft().node("mask")).isPresent();
        assertThat(store.export("finance", original.id(), null)).contains("\"to-copy\"");
    }

    @Test
    void deletingADeployedFlowIsRefusedWithTheReason() {
        FlowRef flow = stored("deployed-one");
        deployments.deploy("finance", flow.id(), null);
        FlowsView flows = navigate("workspaces/finance/flows", FlowsView.class);

        flows.confirmDelete(store.list("finance", "finance").stream()
                .filter(f -> f.name().equals("deployed-one")).findFirst().orElseThrow());
        test($(ConfirmDialog.class).single()).confirm();

        assertThat(store.list("finance", "finance")).anyMatch(f -> f.name().equals("deployed-one"));
        deployments.undeploy("finance", flow.id(), true);
    }

    @Test
    void aNodeThatLeadsNowhereIsMarkedInvalidAndListed() {
        FlowRef flow = stored("with-dangling-node");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "mask", "kind": "mask", "x": 400, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 600, "y": 0},
                           {"id": "select", "kind": "select", "x": 200, "y": 200}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "mask"}, {"from": "mask", "to": "ledger"},
                           {"from": "users", "to": "select"}]}
                """);

        assertThat(editor.invalidMarks().path("nodes").toString()).isEqualTo("[\"select\"]");
        assertThat(editor.invalidMarks().path("edges").toString()).isEqualTo("[]");
        assertThat(editor.draft().node("select").orElseThrow().path("config").isEmpty())
                .as("a new node starts empty, nothing of its kind's example").isTrue();
    }

    @Test
    void anEdgeThatClosesACycleIsMarkedOnTheCanvasAndNotTheNodeItLeaves() {
        FlowRef flow = stored("with-cycle");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "mask", "kind": "mask", "x": 400, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "mask"}, {"from": "mask", "to": "ledger"},
                           {"from": "mask", "to": "cny"}]}
                """);

        assertThat(editor.invalidMarks().path("edges").toString()).isEqualTo("[\"mask->cny\"]");
        assertThat(editor.invalidMarks().path("nodes").toString()).isEqualTo("[]");
        assertThat(editor.problems()).anyMatch(p -> p.message().startsWith("closes a cycle"));
    }

    @Test
    void deletingTheMaskNodeMarksTheLeakAlongItsRouteAndListsIt() {
        FlowRef flow = stored("leak-on-canvas");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        assertThat(editor.leaks()).isEmpty();

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "split", "kind": "select", "x": 400, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "ledger"}]}
                """);

        assertThat(editor.problems()).isEmpty();
        assertThat(editor.leaks()).singleElement().satisfies(leak -> {
            assertThat(leak.leak().tag()).isEqualTo("bank-account");
            assertThat(leak.leak().via()).containsExactly("users", "cny", "split", "ledger");
        });
        $(TabSheet.class).single().setSelectedIndex(1);
        assertThat($(com.vaadin.flow.component.html.Span.class).id("problem-count").getText()).contains("leak");
        assertThat($(com.vaadin.flow.component.orderedlayout.VerticalLayout.class).id("problem-list").getElement()
                .getOuterHTML()).contains("bank-account from $.data.payment.bankAccount", "leak-problem");
    }

    @Test
    void thePickerMarksPersonalFieldsAndPickingOneShowsTheLeakItWouldCause() {
        FlowRef flow = stored("picker-check");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("split");

        String picker = $(com.vaadin.flow.component.details.Details.class).id("field-picker").getElement()
                .getOuterHTML();
        assertThat(picker).contains("$.data.contact.phone", "personal: phone", "$.data.userId");
        $(NodeForm.class).single().addPath("paths", "$.data.contact.phone");

        assertThat(editor.draft().node("split").orElseThrow().path("config").path("paths").toString())
                .contains("$.data.contact.phone");
        assertThat(editor.leaks()).extracting(leak -> leak.leak().tag()).containsExactly("phone");
    }

    @Test
    void theRunTabChartsTheLastHourOfARunningFlow() throws InterruptedException {
        long id = demoFlow("finance", "finance", "finance-payment-sync");
        long deadline = System.currentTimeMillis() + 30_000;
        while (engine.history(id).size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertThat(engine.history(id)).as("the engine samples a running flow every 5 s").hasSizeGreaterThan(1);

        navigate("flows/" + id, FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(3);

        String throughput = $(FlowChart.class).id("throughput-chart").chartJson();
        assertThat(FlowJson.parse(throughput).path("series")).extracting(s -> s.path("label").asText())
                .containsExactly("in", "out", "failed");
        assertThat(FlowJson.parse(throughput).path("labels").size()).isGreaterThan(1);
        assertThat($(FlowChart.class).id("latency-chart").chartJson()).contains("latency p50");

    }

    @Test
    void aScriptSyntaxErrorIsShownBesideTheCodeWithItsLine() {
        FlowRef flow = store.importFlow("finance", """
                {"schemaVersion": 1, "name": "script-check", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "tag", "kind": "script", "config": {"code": "function process(event) { return event; }"}},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "ids"}, {"from": "ids", "to": "tag"}, {"from": "tag", "to": "out"}]}
                """, "test fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("tag");

        CodeEditor code = $(CodeEditor.class).id("field-code");
        code.changedInBrowser("function process(event) {\n  return event.;\n}");

        assertThat(code.isInvalid()).isTrue();
        assertThat(code.getErrorMessage()).startsWith("line 2, column");
        assertThat(code.errorLine()).as("the line marked in the editor").isEqualTo(2);
        code.changedInBrowser("function process(event) {\n  return event;\n}");
        assertThat(code.isInvalid()).isFalse();
        assertThat(editor.draft().node("tag").orElseThrow().path("config").path("code").asText())
                .isEqualTo("function process(event) {\n  return event;\n}");
    }

    @Test
    void scriptAndTemplateFieldsGetACodeEditorForTheirMediaType() {
        FlowRef flow = store.importFlow("finance", """
                {"schemaVersion": 1, "name": "code-editors", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "render", "kind": "template", "config": {"template": "{\\"id\\": \\"$data.userId\\"}"}},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "ids"}, {"from": "ids", "to": "render"}, {"from": "render", "to": "out"}]}
                """, "test fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("render");

        CodeEditor template = $(CodeEditor.class).id("field-template");
        assertThat(template.mediaType()).isEqualTo("text/x-velocity");
        assertThat(template.getValue()).isEqualTo("{\"id\": \"$data.userId\"}");
        assertThat($(TextField.class).id("field-library")).as("a plain string stays a text field").isNotNull();

        template.changedInBrowser("#if(\n");

        assertThat(template.isInvalid()).isTrue();
        assertThat(template.getErrorMessage()).startsWith("line ");
    }

    @Test
    void theNodeFormIsGeneratedFromTheKindsSchema() {
        FlowRef flow = stored("form-check");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        editor.graphChanged("""
                {"nodes": [{"id": "users", "kind": "source", "x": 0, "y": 0},
                           {"id": "cny", "kind": "filter", "x": 200, "y": 0},
                           {"id": "mask", "kind": "mask", "x": 400, "y": 0},
                           {"id": "ledger", "kind": "target.log", "x": 600, "y": 0}],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "mask"}, {"from": "mask", "to": "ledger"}]}
                """);
        editor.select("users");
        test($(TextArea.class).id("field-types")).setValue("user.payment.updated\nuser.created");

        assertThat($(TextField.class).id("field-source").getValue()).isEqualTo("user-center.users");
        assertThat(editor.draft().node("users").orElseThrow().path("config").path("types")).hasSize(2);
    }

    @Test
    void secondSaveOfTheSameVersionShowsTheConflictAndKeepsTheEdits() {
        FlowRef flow = stored("contested");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("ledger");
        test($(TextField.class).id("field-label")).setValue("my label");
        store.save("finance", flow.id(), 1, store.export("finance", flow.id(), 1), "someone else");

        editor.save();

        assertThat(editor.conflictShown()).isTrue();
        assertThat(editor.conflictText()).contains("version 2");
        assertThat(editor.draft().node("ledger").orElseThrow().path("config").path("label").asText())
                .isEqualTo("my label");
    }

    @Test
    void previewOfAPaymentSampleShowsTheBankAccountMasked() {
        FlowRef flow = stored("preview-check");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(2);
        PreviewPanel preview = $(PreviewPanel.class).single();

        preview.selectSample(2);
        preview.run();

        String shown = $(Div.class).id("preview-targets").getElement().getOuterHTML();
        assertThat(shown).contains("***************7574").doesNotContain("6222975432319487574");
    }

    @Test
    void deployShowsTheChecksTheRecordedVersionAndTheEngineStartingIt() throws InterruptedException {
        FlowRef flow = stored("deploy-progress");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(3);
        RunPanel run = $(RunPanel.class).single();

        run.deploy();
        DeployProgress progress = run.progress();
        assertThat(progress.stepText("checks")).contains("Checks passed");
        assertThat(progress.stepText("recorded")).contains("Version 1 recorded as deployed");
        long deadline = System.currentTimeMillis() + DeployProgress.ENGINE_WAIT.toMillis();
        while (!progress.checkEngine() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(progress.stepText("engine")).contains("Running: version 1");
        deployments.undeploy("finance", flow.id(), true);
    }

    @Test
    void aTargetNodeOffersTestConnectionAndOtherNodesDoNot() {
        FlowRef flow = stored("test-connection");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        editor.select("mask");
        assertThat($(TargetCheck.class).all()).isEmpty();
        editor.select("ledger");
        test($(com.vaadin.flow.component.button.Button.class).id("test-connection")).click();

        assertThat($(TargetCheck.class).single().result()).isEqualTo("✔ Nothing to connect to: events go to the application log");
    }

    @Test
    void aRefusedDeploySaysWhichCheckFailedAndThatNothingWasDeployed() {
        FlowRef flow = store.importFlow("finance", PAYMENT_FLOW.formatted("deploy-leaks")
                .replace("$.data.payment.bankAccount", "$.data.payment.currency"), "test fixture");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(3);
        RunPanel run = $(RunPanel.class).single();

        run.deploy();

        assertThat(run.progress().stepText("checks")).contains("Checks failed").contains("personal data");
        assertThat(run.progress().stepText("recorded")).contains("Not deployed");
        assertThat(deployments.summary("finance", flow.id()).deployedVersion()).isNull();
    }

    @Test
    void aPreviewSavedAsTestBecomesAStoredTestThatPassesOnceTheFlowIsSaved() {
        FlowRef flow = stored("preview-to-test");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(2);
        PreviewPanel preview = $(PreviewPanel.class).single();
        preview.selectSample(2);
        preview.run();

        test($(TextField.class).id("preview-test-name")).setValue("masks the account");
        preview.saveAsTest();
        editor.save();

        JsonNode saved = FlowJson.parse(store.export("finance", flow.id(), null));
        JsonNode test = saved.path("tests").get(saved.path("tests").size() - 1);
        assertThat(test.path("name").asText()).isEqualTo("masks the account");
        assertThat(test.path("expect").path("ledger").path(0).path("data").toString())
                .contains("***************7574").doesNotContain("6222975432319487574");
        assertThat(store.test("finance", flow.id(), null).results())
                .allSatisfy(result -> assertThat(result.passed()).as(result.failures().toString()).isTrue())
                .anyMatch(result -> result.name().equals("masks the account"));
    }

    @Test
    void historyShowsTwoVersionsSideBySideWithTheirChangesMarkedAndRollbackSavesTheOldOneAsNewest() {
        FlowRef flow = stored("with-history");
        String relabelled = store.export("finance", flow.id(), 1).replace("\"ledger\"", "\"ledger-2\"")
                .replaceAll("\"keepLast\"\\s*:\\s*4", "\"keepLast\": 6");
        store.save("finance", flow.id(), 1, relabelled, "new label");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(4);
        HistoryPanel history = $(HistoryPanel.class).single();

        history.showDiff();
        JsonNode sides = FlowJson.parse($(FlowGraphs.class).id("version-diff-graphs").model()).path("sides");
        assertThat(marks(sides.get(0))).containsEntry("ledger", "removed").containsEntry("mask", "changed")
                .doesNotContainKey("ledger-2").doesNotContainKey("users");
        assertThat(marks(sides.get(1))).containsEntry("ledger-2", "added").containsEntry("mask", "changed")
                .doesNotContainKey("ledger");
        assertThat(sides.get(1).path("edges").toString()).contains("{\"from\":\"mask\",\"to\":\"ledger-2\",\"mark\":\"added\"}");
        @SuppressWarnings("unchecked")
        Grid<VersionComparison.Row> changes = $(Grid.class).id("version-changes");
        assertThat(test(changes).size()).isGreaterThanOrEqualTo(4);
        assertThat(changes.getGenericDataView().getItems().toList())
                .contains(new VersionComparison.Row("$.nodes[id=ledger-2]", null, "target.log"))
                .anyMatch(row -> row.where().contains("keepLast") && "4".equals(row.before()) && "6".equals(row.after()));

        history.rollback();
        assertThat(store.versions("finance", flow.id())).hasSize(3);
        assertThat(store.export("finance", flow.id(), 3)).isEqualTo(store.export("finance", flow.id(), 1));
    }

    private static java.util.Map<String, String> marks(JsonNode side) {
        java.util.Map<String, String> marks = new java.util.HashMap<>();
        side.path("nodes").forEach(node -> {
            if (node.has("mark")) {
                marks.put(node.path("id").asText(), node.path("mark").asText());
            }
        });
        return marks;
    }

    @Test
    void theFlowListSpeaksSimplifiedChineseWhenChosen() {
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.SIMPLIFIED_CHINESE);

        navigate("workspaces/finance/flows", FlowsView.class);

        assertThat($(com.vaadin.flow.component.html.H2.class).id("flows-title").getText()).isEqualTo("finance 的数据流");
        assertThat(test($(com.vaadin.flow.component.button.Button.class).id("create-flow")).isUsable()).isTrue();
        assertThat($(com.vaadin.flow.component.button.Button.class).id("create-flow").getText()).isEqualTo("创建数据流");
    }
}
