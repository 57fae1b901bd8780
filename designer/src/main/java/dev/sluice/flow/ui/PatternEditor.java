package dev.sluice.flow.ui;

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
 * source's fields that must all match, an "any of" group of alternatives ({@code $or}), or the JSON itself, and
 * beside them which of the source's sample events the pattern keeps, matched as the engine matches. A pattern the
 * rules cannot show stays JSON.
 */
class PatternEditor extends VerticalLayout implements HasValidation {

    /** The CloudEvent attributes a rule may test besides the source's data fields. */
    private static final List<String> ATTRIBUTES = List.of("type", "source", "subject", "id", "time",
            "datacontenttype");

    private final Map<String, String> fieldTypes = new LinkedHashMap<>();
    private final Consumer<JsonNode> onChange;
    private final PatternRuleList all;
    private final PatternRuleList anyOf;
    private final Div group = new Div();
    private final Button addGroup = new Button();
    private final Div builder = new Div();
    private final TextArea json = new TextArea();
    private final Button mode = new Button();
    private final Span cannotBuild = new Span();
    private final Span error = new Span();
    private final SampleMatches samples;

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
        List<String> fields = List.copyOf(fieldTypes.keySet());
        all = new PatternRuleList("pattern-rules", "pattern.add-rule", "pattern-add-rule", fields,
                this::rulesChanged);
        anyOf = new PatternRuleList("pattern-group-rules", "pattern.add-alternative", "pattern-add-alternative",
                fields, this::rulesChanged);
        Span groupTitle = new Span(getTranslation("pattern.any-of"));
        groupTitle.addClassName("pattern-group-title");
        Button removeGroup = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> removeAnyOfGroup());
        removeGroup.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        removeGroup.setAriaLabel(getTranslation("pattern.remove-group"));
        removeGroup.addClassName("pattern-remove-group");
        Div groupHeader = new Div(groupTitle, removeGroup);
        groupHeader.addClassName("pattern-group-header");
        group.add(groupHeader, anyOf);
        group.addClassName("pattern-group");
        group.setVisible(false);
        addGroup.setText(getTranslation("pattern.add-group"));
        addGroup.setIcon(VaadinIcon.PLUS.create());
        addGroup.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        addGroup.addClassName("pattern-add-group");
        addGroup.addClickListener(click -> addAnyOfGroup());
        builder.add(semantics, all, group, addGroup);
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
        Optional<PatternRules.Rows> rules = PatternRules.read(current, fieldTypes);
        rules.ifPresent(this::showRules);
        showMode(rules.isEmpty());
        samples.show(current);
    }

    /** Adds a rule row, as the "add rule" button does. */
    PatternRuleRow addRow(PatternRules.Rule rule) {
        return all.addRow(rule);
    }

    /** The rows that must all match. */
    List<PatternRuleRow> rows() {
        return all.rows();
    }

    /**
     * Shows the "any of" group, as its button does, with two empty alternatives to fill in (there is at most one
     * group: a pattern has one top-level {@code $or}).
     */
    void addAnyOfGroup() {
        if (!group.isVisible()) {
            showGroup(List.of());
            anyOf.addRow(new PatternRules.Rule("", PatternRules.Operator.EQUALS, ""));
            anyOf.addRow(new PatternRules.Rule("", PatternRules.Operator.EQUALS, ""));
        }
    }

    /** Adds an alternative to the "any of" group, as its add button does. */
    PatternRuleRow addAlternative(PatternRules.Rule rule) {
        return anyOf.addRow(rule);
    }

    /** The rows of the "any of" group, of which one must match; empty when there is no group. */
    List<PatternRuleRow> alternatives() {
        return group.isVisible() ? anyOf.rows() : List.of();
    }

    private void removeAnyOfGroup() {
        showGroup(List.of());
        group.setVisible(false);
        addGroup.setVisible(true);
        rulesChanged();
    }

    private void showGroup(List<PatternRules.Rule> alternatives) {
        anyOf.show(alternatives);
        group.setVisible(true);
        addGroup.setVisible(false);
    }

    boolean isJsonMode() {
        return jsonMode;
    }

    /** Switches between the rules and the JSON; back to rules only when the rules can show the pattern. */
    void toggleMode() {
        if (jsonMode) {
            Optional<PatternRules.Rows> rules = parseError == null
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
        changed(PatternRules.write(new PatternRules.Rows(all.rules(),
                group.isVisible() ? anyOf.rules() : List.of()), fieldTypes));
    }

    private void changed(JsonNode newPattern) {
        pattern = newPattern;
        cannotBuild.setVisible(jsonMode && PatternRules.read(pattern, fieldTypes).isEmpty());
        showError();
        samples.show(pattern);
        onChange.accept(newPattern);
    }

    private void showRules(PatternRules.Rows rules) {
        all.show(rules.all());
        if (rules.anyOf().isEmpty()) {
            anyOf.show(List.of());
            group.setVisible(false);
            addGroup.setVisible(true);
        } else {
            showGroup(rules.anyOf());
        }
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
