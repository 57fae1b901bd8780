package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.InvalidFlowException;

/**
 * The editor of an event pattern (a config field with {@code "format": "event-pattern"}): rules built from the
 * source's fields, or the JSON itself, and beside them which of the source's sample events the pattern keeps,
 * matched as the engine matches. A pattern the rules cannot show stays JSON.
 */
class PatternEditor extends VerticalLayout implements HasValidation {

    /** The CloudEvent attributes a rule may test besides the source's data fields. */
    private static final List<String> ATTRIBUTES = List.of("type", "source", "subject", "id", "time",
            "datacontenttype");

    private final Map<String, String> fieldTypes = new LinkedHashMap<>();
    private final Consumer<JsonNode> onChange;
    private final Div rows = new Div();
    private final Div builder = new Div();
    private final TextArea json = new TextArea();
    private final Button mode = new Button();
    private final Span cannotBuild = new Span();
    private final Span error = new Span();
    private final SampleMatches samples;
    private final List<PatternRuleRow> ruleRows = new ArrayList<>();

    private JsonNode pattern;
    private boolean jsonMode;
    private String parseError;
    private String problem;

    PatternEditor(String label, String help, JsonNode current, FormContext context, Consumer<JsonNode> onChange) {
        this.pattern = current;
        this.onChange = onChange;
        this.samples = new SampleMatches(context.sourceFields().source(), context.samples());
        ATTRIBUTES.forEach(attribute -> fieldTypes.put(attribute, "string"));
        for (SourceFields.Field field : context.sourceFields().fields()) {
            String dotted = field.path().replaceFirst("^\\$\\.", "").replace("[*]", "");
            if (!dotted.contains("[") && !field.type().equals("object") && !field.type().equals("array")) {
                fieldTypes.putIfAbsent(dotted, field.type());
            }
        }
        setPadding(false);
        setSpacing(false);
        addClassName("pattern-editor");

        NativeLabel title = new NativeLabel(label);
        title.addClassName("form-label");
        mode.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        mode.addClassName("pattern-mode");
        mode.addClickListener(click -> toggleMode());
        Div header = new Div(title, mode);
        header.addClassName("pattern-editor-header");

        Span semantics = new Span(getTranslation("pattern.semantics"));
        semantics.addClassName("form-hint");
        rows.addClassName("pattern-rules");
        Button add = new Button(getTranslation("pattern.add-rule"), VaadinIcon.PLUS.create(),
                click -> addRow(new PatternRules.Rule("", PatternRules.Operator.EQUALS, "")));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add.addClassName("pattern-add-rule");
        builder.add(semantics, rows, add);
        builder.addClassName("pattern-builder");

        json.addClassName("json-field");
        json.addClassName("pattern-json");
        json.setWidthFull();
        json.setHelperText(help);
        json.setValueChangeMode(ValueChangeMode.LAZY);
        json.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                jsonTyped(e.getValue());
            }
        });
        cannotBuild.setText(getTranslation("pattern.cannot-build"));
        cannotBuild.addClassName("form-hint");
        error.addClassName("form-error");
        error.setVisible(false);

        add(header, builder, json, cannotBuild, error, samples);
        Optional<List<PatternRules.Rule>> rules = PatternRules.read(current, fieldTypes);
        rules.ifPresent(this::showRules);
        showMode(rules.isEmpty());
        samples.show(current);
    }

    /** Adds a rule row, as the "add rule" button does. */
    PatternRuleRow addRow(PatternRules.Rule rule) {
        PatternRuleRow row = new PatternRuleRow(rule, List.copyOf(fieldTypes.keySet()), this::rulesChanged,
                removed -> {
                    ruleRows.remove(removed);
                    rows.remove(removed);
                    rulesChanged();
                });
        ruleRows.add(row);
        rows.add(row);
        return row;
    }

    List<PatternRuleRow> rows() {
        return List.copyOf(ruleRows);
    }

    boolean isJsonMode() {
        return jsonMode;
    }

    /** Switches between the rules and the JSON; back to rules only when the rules can show the pattern. */
    void toggleMode() {
        if (jsonMode) {
            Optional<List<PatternRules.Rule>> rules = parseError == null
                    ? PatternRules.read(pattern, fieldTypes) : Optional.empty();
            if (rules.isEmpty()) {
                cannotBuild.setVisible(true);
                return;
            }
            showRules(rules.get());
        }
        showMode(!jsonMode);
    }

    /** What the browser sends when the JSON is edited; also how tests type it. */
    void jsonTyped(String text) {
        if (text.isBlank()) {
            parseError = null;
            changed(null);
            return;
        }
        try {
            JsonNode parsed = FlowJson.parse(text);
            parseError = null;
            changed(parsed);
        } catch (InvalidFlowException bad) {
            parseError = bad.problems().getFirst().message();
            showError();
        }
    }

    SampleMatches samples() {
        return samples;
    }

    private void rulesChanged() {
        List<PatternRules.Rule> rules = ruleRows.stream().map(PatternRuleRow::rule).toList();
        changed(PatternRules.write(rules, fieldTypes));
    }

    private void changed(JsonNode newPattern) {
        pattern = newPattern;
        cannotBuild.setVisible(jsonMode && PatternRules.read(pattern, fieldTypes).isEmpty());
        showError();
        samples.show(pattern);
        onChange.accept(newPattern);
    }

    private void showRules(List<PatternRules.Rule> rules) {
        ruleRows.clear();
        rows.removeAll();
        rules.forEach(this::addRow);
    }

    private void showMode(boolean json) {
        jsonMode = json;
        if (json) {
            this.json.setValue(pattern == null ? "" : NodeForm.pretty(pattern));
        }
        builder.setVisible(!json);
        this.json.setVisible(json);
        cannotBuild.setVisible(json && PatternRules.read(pattern, fieldTypes).isEmpty());
        mode.setText(getTranslation(json ? "pattern.mode.rules" : "pattern.mode.json"));
        showError();
    }

    @Override
    public void setErrorMessage(String message) {
        problem = message;
        showError();
    }

    @Override
    public String getErrorMessage() {
        return parseError != null ? parseError : problem;
    }

    @Override
    public void setInvalid(boolean invalid) {
        if (!invalid) {
            problem = null;
        }
        showError();
    }

    @Override
    public boolean isInvalid() {
        return getErrorMessage() != null;
    }

    private void showError() {
        String message = getErrorMessage();
        json.setErrorMessage(message);
        json.setInvalid(message != null);
        error.setText(message == null ? "" : message);
        error.setVisible(message != null && !jsonMode);
    }
}
