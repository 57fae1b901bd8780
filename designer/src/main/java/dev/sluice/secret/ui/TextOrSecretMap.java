package dev.sluice.secret.ui;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import dev.sluice.json.Json;

/**
 * An object whose values are each text or a secret reference (a webhook's headers): a row per entry, its name,
 * whether it is text or a secret, and the text or the secret's name chosen from the workspace's.
 */
public class TextOrSecretMap extends Div implements HasValidation {

    private final SecretNames secretNames;
    private final Consumer<JsonNode> onChange;
    private final Div rows = new Div();
    private final List<Row> entries = new ArrayList<>();
    private final Span error = new Span();
    private String errorMessage;

    /** True when the object's values are text or a {@code "format": "secret-ref"} object, and nothing else. */
    public static boolean fits(JsonNode schema) {
        JsonNode alternatives = schema.path("additionalProperties").path("oneOf");
        boolean text = false;
        boolean secret = false;
        for (JsonNode alternative : alternatives) {
            text |= alternative.path("type").asText().equals("string");
            secret |= alternative.path("format").asText().equals("secret-ref");
        }
        return !schema.has("properties") && alternatives.size() == 2 && text && secret;
    }

    /** True when every entry of {@code value} is text or a secret reference, so the rows can show it all. */
    public static boolean canShow(JsonNode value) {
        if (value == null) {
            return true;
        }
        if (!value.isObject()) {
            return false;
        }
        for (JsonNode entry : value) {
            if (!entry.isTextual() && !(entry.isObject() && entry.size() == 1 && entry.path("secret").isTextual())) {
                return false;
            }
        }
        return true;
    }

    public TextOrSecretMap(String label, String help, JsonNode current, SecretNames secretNames,
                    Consumer<JsonNode> onChange) {
        this.secretNames = secretNames;
        this.onChange = onChange;
        addClassName("text-or-secret-map");
        NativeLabel title = new NativeLabel(label);
        title.addClassName("form-label");
        Span hint = new Span(help);
        hint.addClassName("form-hint");
        Button add = new Button(getTranslation("map.add"), VaadinIcon.PLUS.create(), click -> addRow("", null));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add.addClassName("map-add");
        error.addClassName("form-error");
        error.setVisible(false);
        add(title, hint, rows, add, error);
        if (current != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = current.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                addRow(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Adds an entry, as the add button does: {@code value} text, a secret reference, or null for empty text. */
    public Row addRow(String name, JsonNode value) {
        Row row = new Row(name, value);
        entries.add(row);
        rows.add(row);
        return row;
    }

    public List<Row> rows() {
        return List.copyOf(entries);
    }

    private void changed() {
        ObjectNode object = Json.MAPPER.createObjectNode();
        for (Row row : entries) {
            JsonNode value = row.value();
            if (!row.name.getValue().isBlank() && value != null) {
                object.set(row.name.getValue().strip(), value);
            }
        }
        onChange.accept(object.isEmpty() ? null : object);
    }

    /** One entry: its name, text or secret, and the text or the secret's name. */
    public final class Row extends Div {

        private final TextField name = new TextField();
        private final Select<Boolean> isSecret = new Select<>();
        private final TextField text = new TextField();
        private final Select<String> secret = new Select<>();

        private Row(String key, JsonNode value) {
            addClassNames("form-row", "map-entry");
            name.addClassName("map-name");
            isSecret.addClassName("map-kind");
            text.addClassName("map-text");
            secret.addClassName("map-secret");
            name.setValue(key);
            name.setPlaceholder(getTranslation("map.name"));
            name.setAriaLabel(getTranslation("map.name"));
            name.setValueChangeMode(ValueChangeMode.LAZY);
            isSecret.setItems(false, true);
            isSecret.setItemLabelGenerator(secretValue -> getTranslation(secretValue ? "map.secret" : "map.text"));
            isSecret.setAriaLabel(getTranslation("map.kind"));
            boolean holdsSecret = value != null && value.isObject();
            isSecret.setValue(holdsSecret);
            text.setValueChangeMode(ValueChangeMode.LAZY);
            text.setAriaLabel(getTranslation("map.text"));
            text.setValue(value != null && value.isTextual() ? value.asText() : "");
            String chosen = holdsSecret ? value.path("secret").asText() : "";
            List<String> names = new ArrayList<>(secretNames.names());
            if (!chosen.isEmpty() && !names.contains(chosen)) {
                names.add(chosen);
            }
            secret.setItems(names);
            secret.setAriaLabel(getTranslation("map.secret"));
            secret.setPlaceholder(getTranslation(secretNames.emptyHintKey() == null ? "secret.none-chosen"
                    : secretNames.emptyHintKey()));
            secret.setItemLabelGenerator(n -> secretNames.missing(n) ? getTranslation("secret.missing", n) : n);
            if (!chosen.isEmpty()) {
                secret.setValue(chosen);
            }
            showKind();
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                entries.remove(this);
                rows.remove(this);
                changed();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("map.remove"));
            name.addValueChangeListener(e -> changed());
            isSecret.addValueChangeListener(e -> {
                showKind();
                changed();
            });
            text.addValueChangeListener(e -> changed());
            secret.addValueChangeListener(e -> changed());
            add(name, isSecret, text, secret, remove);
        }

        /** Sets the entry to a secret, as a user would. */
        public void chooseSecret(String entryName, String secretName) {
            name.setValue(entryName);
            isSecret.setValue(true);
            secret.setValue(secretName);
        }

        private void showKind() {
            text.setVisible(!Boolean.TRUE.equals(isSecret.getValue()));
            secret.setVisible(Boolean.TRUE.equals(isSecret.getValue()));
        }

        private JsonNode value() {
            if (Boolean.TRUE.equals(isSecret.getValue())) {
                return secret.getValue() == null ? null
                        : Json.MAPPER.createObjectNode().put("secret", secret.getValue());
            }
            return Json.MAPPER.getNodeFactory().textNode(text.getValue());
        }
    }

    @Override
    public void setErrorMessage(String message) {
        errorMessage = message;
        error.setText(message == null ? "" : message);
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public void setInvalid(boolean invalid) {
        error.setVisible(invalid);
    }

    @Override
    public boolean isInvalid() {
        return error.isVisible();
    }
}
