package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;

import dev.sluice.json.Json;

/**
 * A connection of the workspace chosen by name, for a property whose schema says {@code "format":
 * "<kind>-connection"}: only connections of that kind are offered. A name the workspace does not hold (deleted,
 * or from an imported flow) stays selectable and says so. With none of the kind, the hint links to the
 * workspace's Connections page, where owners add them.
 */
class ConnectionChoice extends Select<String> {

    ConnectionChoice(String label, String help, String kind, JsonNode current, ConnectionNames connections,
                     Consumer<JsonNode> onChange) {
        String chosen = current == null || !current.isTextual() ? "" : current.asText();
        List<String> items = new ArrayList<>(connections.of(kind));
        if (!chosen.isEmpty() && !items.contains(chosen)) {
            items.add(chosen);
        }
        setLabel(label);
        addClassName("connection-choice");
        getElement().setAttribute("data-connection-kind", kind);
        setItems(items);
        setEmptySelectionAllowed(true);
        setEmptySelectionCaption(getTranslation("connection.none-chosen"));
        setItemLabelGenerator(name -> label(name, kind, connections));
        if (connections.of(kind).isEmpty()) {
            Span hint = new Span(getTranslation("connection.empty", kind) + " ");
            Anchor page = new Anchor(connections.page(), getTranslation("connection.open-page"));
            page.addClassName("connection-page-link");
            hint.add(page);
            setHelperComponent(hint);
        } else {
            setHelperText(help);
        }
        setValue(chosen.isEmpty() ? null : chosen);
        addValueChangeListener(e -> onChange.accept(e.getValue() == null || e.getValue().isEmpty() ? null
                : Json.MAPPER.getNodeFactory().textNode(e.getValue())));
    }

    private String label(String name, String kind, ConnectionNames connections) {
        if (name == null || name.isEmpty()) {
            return getTranslation("connection.none-chosen");
        }
        if (connections.of(kind).contains(name)) {
            return name;
        }
        String other = connections.kindOf(name);
        return other == null ? getTranslation("connection.missing", name)
                : getTranslation("connection.other-kind", name, other);
    }
}
