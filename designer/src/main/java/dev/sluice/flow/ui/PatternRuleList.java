package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;

/** Rows of the pattern builder and the button that adds one: the rules that must all match, or a group's alternatives. */
class PatternRuleList extends Div {

    private final List<String> fields;
    private final Runnable changed;
    private final Div rows = new Div();
    private final List<PatternRuleRow> ruleRows = new ArrayList<>();

    /**
     * @param rowsClass class of the rows' container ({@code pattern-rules})
     * @param addKey    translation key of the add button
     * @param addClass  class of the add button
     */
    PatternRuleList(String rowsClass, String addKey, String addClass, List<String> fields, Runnable changed) {
        this.fields = List.copyOf(fields);
        this.changed = changed;
        rows.addClassName(rowsClass);
        Button add = new Button(getTranslation(addKey), VaadinIcon.PLUS.create(),
                click -> addRow(new PatternRules.Rule("", PatternRules.Operator.EQUALS, "")));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add.addClassName(addClass);
        add(rows, add);
    }

    /** Adds a row, as the add button does; a new row says nothing until it names a field. */
    PatternRuleRow addRow(PatternRules.Rule rule) {
        PatternRuleRow row = new PatternRuleRow(rule, fields, changed, removed -> {
            ruleRows.remove(removed);
            rows.remove(removed);
            changed.run();
        });
        ruleRows.add(row);
        rows.add(row);
        return row;
    }

    /** Replaces the rows, without telling anyone: what they show is already the pattern. */
    void show(List<PatternRules.Rule> rules) {
        ruleRows.clear();
        rows.removeAll();
        rules.forEach(this::addRow);
    }

    List<PatternRuleRow> rows() {
        return List.copyOf(ruleRows);
    }

    List<PatternRules.Rule> rules() {
        return ruleRows.stream().map(PatternRuleRow::rule).toList();
    }
}
