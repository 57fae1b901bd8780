package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/** One rule of the pattern builder: a field, an operator and, for operators that take one, a value. */
class PatternRuleRow extends Div {

    private final ComboBox<String> field = new ComboBox<>();
    private final Select<PatternRules.Operator> operator = new Select<>();
    private final TextField value = new TextField();
    private final List<String> fields;

    PatternRuleRow(PatternRules.Rule rule, List<String> knownFields, Runnable changed,
                   Consumer<PatternRuleRow> remove) {
        addClassNames("form-row", "pattern-rule");
        fields = new ArrayList<>(knownFields);
        if (!rule.field().isEmpty() && !fields.contains(rule.field())) {
            fields.add(rule.field());
        }
        field.setItems(fields);
        field.setAllowCustomValue(true);
        field.setPlaceholder(getTranslation("pattern.field"));
        field.setAriaLabel(getTranslation("pattern.field"));
        field.addClassName("pattern-field");
        field.addCustomValueSetListener(custom -> setField(custom.getDetail().strip()));
        field.setValue(rule.field().isEmpty() ? null : rule.field());

        operator.setItems(PatternRules.Operator.values());
        operator.setItemLabelGenerator(op -> getTranslation("pattern.op." + op.key()));
        operator.setAriaLabel(getTranslation("pattern.operator"));
        operator.addClassName("pattern-operator");
        operator.setValue(rule.operator());

        showPlaceholderFor(rule.operator());
        value.setAriaLabel(getTranslation("pattern.value"));
        value.addClassName("pattern-value");
        value.setValueChangeMode(ValueChangeMode.LAZY);
        value.setValue(rule.value());
        value.setEnabled(rule.operator().takesValue());

        Button delete = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> remove.accept(this));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel(getTranslation("pattern.remove-rule"));
        delete.addClassName("pattern-remove-rule");

        field.addValueChangeListener(e -> changed.run());
        operator.addValueChangeListener(e -> {
            value.setEnabled(e.getValue() != null && e.getValue().takesValue());
            showPlaceholderFor(e.getValue());
            changed.run();
        });
        value.addValueChangeListener(e -> changed.run());
        add(field, operator, value, delete);
    }

    PatternRules.Rule rule() {
        return new PatternRules.Rule(field.getValue() == null ? "" : field.getValue(), operator.getValue(),
                value.getValue());
    }

    private void showPlaceholderFor(PatternRules.Operator op) {
        value.setPlaceholder(getTranslation(op == PatternRules.Operator.BETWEEN ? "pattern.range" : "pattern.value"));
    }

    /** Sets the rule as a user would, field by field. */
    void set(String fieldName, PatternRules.Operator op, String text) {
        setField(fieldName);
        operator.setValue(op);
        value.setValue(text);
    }

    private void setField(String name) {
        if (!name.isEmpty() && !fields.contains(name)) {
            fields.add(name);
            field.setItems(fields);
        }
        field.setValue(name.isEmpty() ? null : name);
    }
}
