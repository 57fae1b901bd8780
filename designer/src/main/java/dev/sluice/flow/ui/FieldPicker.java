package dev.sluice.flow.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * The source's fields to pick from in a node form, each with its type and PII tag, so a steward sees which fields
 * are personal data before choosing them: a button per path list of the form adds the field to it, and where the
 * form has rules with a path (a mask's), "Mask" and "Remove" add a rule for the field. There, personal fields no
 * rule covers yet are marked.
 */
class FieldPicker extends Details {

    /** The types a JSON Schema names, each with a translation: {@code json.type.string}. */
    private static final Set<String> JSON_TYPES = Set.of("string", "integer", "number", "boolean", "object", "array",
            "null");

    /** What "Mask" and "Remove" do with a picked field; either may be null when the rules do not offer it. */
    record RuleActions(Consumer<SourceFields.Field> mask, Consumer<SourceFields.Field> remove) {
    }

    private final Map<String, Span> unmaskedMarks = new LinkedHashMap<>();

    /**
     * @param pathLists the form's fields that list paths: name → label
     * @param addPath   adds a path to the named list
     * @param rules     the actions on the form's rules, null when it has none
     */
    FieldPicker(String title, String piiLabel, List<SourceFields.Field> fields, Map<String, String> pathLists,
                BiConsumer<String, String> addPath, RuleActions rules) {
        setSummaryText(title);
        setId("field-picker");
        VerticalLayout rows = new VerticalLayout();
        rows.setPadding(false);
        rows.setSpacing(false);
        for (SourceFields.Field field : fields) {
            Div row = new Div();
            row.addClassName("source-field");
            row.getElement().setAttribute("data-path", field.path());
            Span path = new Span(field.path());
            path.addClassName("source-field-path");
            row.add(path);
            if (!field.type().isEmpty()) {
                Span type = new Span(JSON_TYPES.contains(field.type())
                        ? getTranslation("json.type." + field.type()) : field.type());
                type.addClassName("source-field-type");
                row.add(type);
            }
            if (field.tag() != null) {
                Span tag = new Span(piiLabel + " " + field.tag());
                tag.getElement().getThemeList().add("badge error small");
                tag.addClassName("pii-tag");
                row.add(tag);
                if (rules != null) {
                    Span unmasked = new Span(getTranslation("picker.unmasked"));
                    unmasked.getElement().getThemeList().add("badge warning small");
                    unmasked.addClassName("unmasked-tag");
                    unmaskedMarks.put(field.path(), unmasked);
                    row.add(unmasked);
                }
            }
            pathLists.forEach((name, label) -> row.add(action("+ " + label, "picker-add",
                    () -> addPath.accept(name, field.path()))));
            if (rules != null && rules.mask() != null) {
                row.add(action(getTranslation("picker.mask"), "picker-mask", () -> rules.mask().accept(field)));
            }
            if (rules != null && rules.remove() != null) {
                row.add(action(getTranslation("picker.remove"), "picker-remove", () -> rules.remove().accept(field)));
            }
            rows.add(row);
        }
        add(rows);
        setOpened(!pathLists.isEmpty() || rules != null);
    }

    /** Marks the personal fields that {@code masked} says no rule covers; the rest unmarked. */
    void markUnmasked(Predicate<String> masked) {
        unmaskedMarks.forEach((path, mark) -> mark.setVisible(!masked.test(path)));
    }

    /** The personal fields marked as not masked. */
    List<String> unmasked() {
        return unmaskedMarks.entrySet().stream().filter(mark -> mark.getValue().isVisible()).map(Map.Entry::getKey)
                .toList();
    }

    private static Button action(String text, String className, Runnable action) {
        Button button = new Button(text, click -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.addClassName(className);
        return button;
    }
}
