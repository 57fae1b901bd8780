package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import dev.sluice.privacy.PiiTags;
import dev.sluice.privacy.SchemaTags;
import dev.sluice.source.SourceSummary;

/**
 * The fields of a flow's source for picking in node forms: from its JSON Schema and its PII tags, each with its
 * type and tag, so a steward sees which fields are personal data before choosing them.
 */
final class SourceFields {

    /** One field: {@code $.data.contact.phone}, {@code string}, {@code phone} (null when not personal). */
    record Field(String path, String type, String tag) {
    }

    /** The types a JSON Schema names, each with a translation: {@code json.type.string}. */
    private static final Set<String> JSON_TYPES = Set.of("string", "integer", "number", "boolean", "object", "array",
            "null");

    private final String source;
    private final List<Field> fields;

    private SourceFields(String source, List<Field> fields) {
        this.source = source;
        this.fields = List.copyOf(fields);
    }

    static SourceFields none() {
        return new SourceFields("", List.of());
    }

    static SourceFields of(SourceSummary source, PiiTags tags) {
        Map<String, String> types = new LinkedHashMap<>(source.schema().map(SchemaTags::fields)
                .orElse(Map.of()));
        tags.fields().keySet().forEach(path -> types.putIfAbsent(path, ""));
        List<Field> fields = new ArrayList<>();
        types.forEach((path, type) -> fields.add(new Field(path, type, tags.fields().get(path))));
        return new SourceFields(source.name(), fields);
    }

    List<Field> fields() {
        return fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    String source() {
        return source;
    }

    /**
     * The picker: every field with its type and PII tag; a button per path list of the form adds the field to it.
     *
     * @param title     the picker's title
     * @param piiLabel  what marks a personal field, before its tag
     * @param pathLists the form's fields that list paths: name → label
     * @param add       adds a path to the named list
     */
    Details picker(String title, String piiLabel, Map<String, String> pathLists, BiConsumer<String, String> add) {
        VerticalLayout rows = new VerticalLayout();
        rows.setPadding(false);
        rows.setSpacing(false);
        for (Field field : fields) {
            Div row = new Div();
            row.addClassName("source-field");
            row.getElement().setAttribute("data-path", field.path());
            Span path = new Span(field.path());
            path.addClassName("source-field-path");
            row.add(path);
            if (!field.type().isEmpty()) {
                Span type = new Span();
                type.setText(JSON_TYPES.contains(field.type())
                        ? type.getTranslation("json.type." + field.type()) : field.type());
                type.addClassName("source-field-type");
                row.add(type);
            }
            if (field.tag() != null) {
                Span tag = new Span(piiLabel + " " + field.tag());
                tag.getElement().getThemeList().add("badge error small");
                tag.addClassName("pii-tag");
                row.add(tag);
            }
            pathLists.forEach((name, label) -> {
                Button button = new Button("+ " + label, click -> add.accept(name, field.path()));
                button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                row.add(button);
            });
            rows.add(row);
        }
        Details details = new Details(title, rows);
        details.setId("field-picker");
        details.setOpened(!pathLists.isEmpty());
        return details;
    }

    /** The form fields whose kind's example lists JSONPaths: where picked fields go. */
    static boolean listsPaths(JsonNode example) {
        if (example == null || !example.isArray() || example.isEmpty()) {
            return false;
        }
        for (JsonNode item : example) {
            if (!item.isTextual() || !item.asText().startsWith("$.")) {
                return false;
            }
        }
        return true;
    }
}
