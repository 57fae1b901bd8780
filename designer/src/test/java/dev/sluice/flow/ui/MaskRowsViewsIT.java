package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.json.Json;
import dev.sluice.secret.SecretVault;

/**
 * A mask's rules as rows generated from the rule schema (each mode's options, problems beside their fields, JSON as
 * an escape) and the field picker's "Mask" and "Remove", browserless, as the finance steward.
 */
@WithMockUser(username = "finance")
class MaskRowsViewsIT extends DemoDesignerTest {

    @Autowired
    SecretVault secrets;

    private static final String FLOW = """
            {"schemaVersion": 1, "name": "%s", "workspace": "finance",
             "nodes": [
               {"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
               {"id": "mask", "kind": "mask", "config": {"rules": %s}},
               {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
             "edges": [{"from": "users", "to": "mask"}, {"from": "mask", "to": "ledger"}]}
            """;

    @BeforeEach
    void financeHasAKeySecret() {
        if (secrets.list(FINANCE_OWNER, "finance").stream().noneMatch(secret -> secret.name().equals("pseudonym-key"))) {
            secrets.create(FINANCE_OWNER, "finance", "pseudonym-key", "k3y");
        }
    }

    private FlowEditorView open(String name, String rules) {
        FlowRef flow = store.importFlow("finance", FLOW.formatted(name, rules), "test fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);
        editor.select("mask");
        return editor;
    }

    private ObjectRows rules() {
        return $(ObjectRows.class).id("field-rules");
    }

    private static Component field(ObjectRows.Row row, String name) {
        return row.field(name).orElseThrow(() -> new AssertionError("no field " + name + " in the row"));
    }

    @SuppressWarnings("unchecked")
    private static Select<String> mode(ObjectRows.Row row) {
        return (Select<String>) field(row, "mode");
    }

    private static JsonNode rulesOf(FlowEditorView editor) {
        return editor.draft().node("mask").orElseThrow().path("config").path("rules");
    }

    @Test
    void eachRuleIsARowWithItsModesOptionsAndTheModeShownByTitleAndDescription() {
        open("mask-rows", """
                [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4},
                 {"path": "$.data.nationalId", "mode": "hash", "secret": "pseudonym-key"}]""");

        ObjectRows rules = rules();
        assertThat(rules.isJsonMode()).isFalse();
        assertThat(rules.rows()).hasSize(2);
        ObjectRows.Row partial = rules.rows().get(0);
        assertThat(((TextField) field(partial, "path")).getValue()).isEqualTo("$.data.payment.bankAccount");
        assertThat(((NumberField) field(partial, "keepLast")).getValue()).isEqualTo(4.0);
        assertThat(partial.field("secret")).as("a hash's option, not a partial's").isEmpty();
        assertThat(mode(partial).getItemLabelGenerator().apply("partial")).isEqualTo("Keep first and last");
        assertThat(mode(partial).getHelperText()).startsWith("Masks every character but the first and last few");
        assertThat(rules.rows().get(1).field("secret")).isPresent();
        assertThat(rules.rows().get(1).field("keepLast")).isEmpty();
    }

    @Test
    void choosingAnotherModeShowsItsOptionsDropsTheOnesItDoesNotTakeAndShowsWhatIsMissingBesideIt() {
        FlowEditorView editor = open("mask-mode-change", """
                [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]""");
        ObjectRows.Row row = rules().rows().getFirst();

        mode(row).setValue("phone");
        assertThat(rulesOf(editor)).isEqualTo(FlowJson.parse(
                "[{\"path\":\"$.data.payment.bankAccount\",\"mode\":\"phone\",\"keepLast\":4}]"));
        assertThat(row.field("keepFirst")).isPresent();

        mode(row).setValue("hash");

        assertThat(rulesOf(editor)).isEqualTo(FlowJson.parse("[{\"path\":\"$.data.payment.bankAccount\",\"mode\":\"hash\"}]"));
        assertThat(row.field("keepLast")).isEmpty();
        assertThat(mode(row).getHelperText()).startsWith("Replaces the value with hmac:");
        HasValidation secret = (HasValidation) field(row, "secret");
        assertThat(secret.isInvalid()).isTrue();
        assertThat(secret.getErrorMessage()).isEqualTo("is required");
        assertThat(editor.problems()).extracting(problem -> problem.path())
                .containsExactly("$.nodes[1].config.rules[0].secret");
    }

    @Test
    void rowsAreAddedMovedAndRemovedAndANewRowSaysWhatItLacksBesideEachField() {
        FlowEditorView editor = open("mask-add-move", """
                [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]""");
        ObjectRows rules = rules();

        ObjectRows.Row added = rules.addItem(Json.MAPPER.createObjectNode());

        assertThat(((HasValidation) field(added, "path")).getErrorMessage()).isEqualTo("is required");
        assertThat(((HasValidation) field(added, "mode")).getErrorMessage()).isEqualTo("is required");
        assertThat(((HasValidation) field(rules.rows().getFirst(), "path")).isInvalid()).isFalse();

        ((TextField) field(added, "path")).setValue("$.data.contact.email");
        mode(added).setValue("email");
        test($(Button.class).withClassName("object-row-up").all().get(1)).click();

        assertThat(rulesOf(editor)).isEqualTo(FlowJson.parse("[{\"path\":\"$.data.contact.email\",\"mode\":\"email\"},"
                + "{\"path\":\"$.data.payment.bankAccount\",\"mode\":\"partial\",\"keepLast\":4}]"));
        assertThat(editor.problems()).isEmpty();

        test($(Button.class).withClassName("object-row-remove").all().get(1)).click();

        assertThat(rulesOf(editor)).isEqualTo(FlowJson.parse("[{\"path\":\"$.data.contact.email\",\"mode\":\"email\"}]"));
    }

    @Test
    void editAsJsonShowsTheListAndAListTheRowsCannotShowStaysJson() {
        FlowEditorView editor = open("mask-json", """
                [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]""");
        ObjectRows rules = rules();
        rules.toggleMode();
        assertThat(rules.isJsonMode()).isTrue();

        rules.jsonTyped(FlowJson.parse("[{\"path\": \"$.data.payment.bankAccount\", \"mode\": \"partial\", \"keeplast\": 4}]"));
        rules.toggleMode();

        assertThat(rules.isJsonMode()).as("keeplast is no option of partial").isTrue();
        assertThat(rules.getErrorMessage()).contains("[0].keeplast is not a known setting here");

        rules.jsonTyped(FlowJson.parse("[{\"path\": \"$.data.name\", \"mode\": \"redact\"}]"));
        rules.toggleMode();

        assertThat(rules.isJsonMode()).isFalse();
        assertThat(((TextField) field(rules.rows().getFirst(), "path")).getValue()).isEqualTo("$.data.name");
        assertThat(rulesOf(editor)).isEqualTo(FlowJson.parse("[{\"path\":\"$.data.name\",\"mode\":\"redact\"}]"));
    }

    @Test
    void thePickerMarksPersonalFieldsNotYetMaskedAndMasksOrRemovesThemByTheirTag() {
        FlowEditorView editor = open("mask-picker", """
                [{"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4}]""");
        FieldPicker picker = $(NodeForm.class).single().picker();
        assertThat(picker.unmasked()).contains("$.data.contact.phone", "$.data.contact.email", "$.data.nationalId")
                .doesNotContain("$.data.payment.bankAccount");

        pick("mask", "$.data.contact.phone");
        pick("remove", "$.data.contact.email");
        pick("mask", "$.data.nationalId");

        assertThat(rules().rows()).extracting(row -> row.item().toString()).containsExactly(
                "{\"keepLast\":4,\"mode\":\"partial\",\"path\":\"$.data.payment.bankAccount\"}",
                "{\"path\":\"$.data.contact.phone\",\"mode\":\"phone\"}",
                "{\"path\":\"$.data.contact.email\",\"mode\":\"remove\"}",
                "{\"path\":\"$.data.nationalId\",\"mode\":\"hash\",\"secret\":\""
                        + secrets.list(FINANCE_OWNER, "finance").getFirst().name() + "\"}");
        assertThat(rulesOf(editor)).hasSize(4);
        assertThat(picker.unmasked()).doesNotContain("$.data.contact.phone", "$.data.contact.email",
                "$.data.nationalId");
    }

    private void pick(String action, String path) {
        Button button = $(Button.class).withClassName("picker-" + action).all().stream()
                .filter(b -> path.equals(b.getParent().orElseThrow().getElement().getAttribute("data-path")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " for " + path));
        test(button).click();
    }
}
