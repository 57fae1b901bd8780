package dev.sluice.secret.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.select.Select;

import dev.sluice.json.Json;

/**
 * A secret reference ({@code {"secret": "ledger-token"}}) chosen by name from the workspace's secrets. A name the
 * workspace does not hold (deleted, or from an imported flow) stays selectable and says it is missing.
 */
public class SecretChoice extends Select<String> {

    public SecretChoice(String label, String help, JsonNode current, SecretNames secrets, Consumer<JsonNode> onChange) {
        String chosen = current == null ? "" : current.path("secret").asText("");
        List<String> items = new ArrayList<>(secrets.names());
        if (!chosen.isEmpty() && !items.contains(chosen)) {
            items.add(chosen);
        }
        setLabel(label);
        addClassName("secret-choice");
        setItems(items);
        setEmptySelectionAllowed(true);
        setEmptySelectionCaption(getTranslation("secret.none-chosen"));
        setItemLabelGenerator(name -> name == null || name.isEmpty() ? getTranslation("secret.none-chosen")
                : secrets.missing(name) ? getTranslation("secret.missing", name) : name);
        setHelperText(secrets.emptyHintKey() == null ? help : getTranslation(secrets.emptyHintKey()));
        setValue(chosen.isEmpty() ? null : chosen);
        addValueChangeListener(e -> onChange.accept(e.getValue() == null || e.getValue().isEmpty() ? null
                : Json.MAPPER.createObjectNode().put("secret", e.getValue())));
    }
}
