package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;

import dev.sluice.json.Json;

/**
 * A list of objects with listed properties (a mask's rules) as rows: each item's fields made by the form's own
 * field generation from the item schema, then the options of the {@code allOf} branch whose {@code if} const
 * matches the row's discriminator (its mode), then buttons to move or remove the row. A discriminator choice shows
 * each branch's title and, below it, the chosen branch's description; choosing another drops the options the new
 * branch does not take. "Edit as JSON" shows the list itself; a list the rows cannot show stays JSON.
 */
class ObjectRows extends CustomField<JsonNode> {

    /** The form's field generation, for one property of an item ({@code NodeForm}'s). */
    @FunctionalInterface
    interface Fields {
        Component field(String id, String name, JsonNode schema, boolean required, JsonNode value,
                        Consumer<JsonNode> set);
    }

    private static final Pattern ITEM_PATH = Pattern.compile("^\\[(\\d+)](?:\\.([A-Za-z_][A-Za-z0-9_]*))?(.*)$");

    private final String id;
    private final JsonNode itemSchema;
    private final ItemBranches branches;
    private final Fields fields;
    private final Consumer<JsonNode> onChange;
    private final List<Row> rows = new ArrayList<>();
    private final Div rowList = new Div();
    private final Div builder = new Div();
    private final Div json = new Div();
    private final Button mode = new Button();
    private final Span cannotShow = new Span();
    private ArrayNode items;
    private boolean jsonMode;
    private int made;

    /** True for an array whose items are objects with listed properties: what the rows are for. */
    static boolean fits(JsonNode schema) {
        return schema.path("type").asText().equals("array") && schema.path("items").path("type").asText()
                .equals("object") && schema.path("items").path("properties").isObject();
    }

    ObjectRows(String id, String label, String help, JsonNode schema, JsonNode current, Fields fields,
               Consumer<JsonNode> onChange) {
        this.id = id;
        this.itemSchema = schema.path("items");
        this.branches = new ItemBranches(itemSchema);
        this.fields = fields;
        this.onChange = onChange;
        this.items = current != null && current.isArray() ? ((ArrayNode) current).deepCopy()
                : Json.MAPPER.createArrayNode();
        addClassName("object-rows");
        setLabel(label);
        setHelperText(help);
        rowList.addClassName("object-rows-list");
        Button add = new Button(getTranslation("rows.add"), VaadinIcon.PLUS.create(), click -> addItem(
                Json.MAPPER.createObjectNode()));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add.addClassName("object-rows-add");
        builder.add(rowList, add);
        mode.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        mode.addClassName("object-rows-mode");
        mode.addClickListener(click -> toggleMode());
        cannotShow.setText(getTranslation("rows.cannot-show"));
        cannotShow.addClassName("form-hint");
        Div content = new Div(mode, builder, json, cannotShow);
        content.addClassName("object-rows-content");
        add(content);
        boolean showable = canShow(items);
        if (showable) {
            items.forEach(item -> append((ObjectNode) item));
        }
        showMode(!showable);
    }

    /** Appends an item as a row, as the add button does (with an empty item), and hands on the new list. */
    Row addItem(ObjectNode item) {
        if (jsonMode) {
            toggleMode();
        }
        Row row = append(item.deepCopy());
        changed();
        return row;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    boolean isJsonMode() {
        return jsonMode;
    }

    /** The items as they stand, rows or JSON. */
    ArrayNode items() {
        return items.deepCopy();
    }

    /** Switches between the rows and the JSON; back to rows only when the rows can show the list. */
    void toggleMode() {
        if (jsonMode) {
            if (!canShow(items)) {
                cannotShow.setVisible(true);
                return;
            }
            rows.clear();
            rowList.removeAll();
            items.forEach(item -> append((ObjectNode) item));
        }
        showMode(!jsonMode);
    }

    /** What typing the JSON does; also how tests type it. */
    void jsonTyped(JsonNode typed) {
        items = typed != null && typed.isArray() ? (ArrayNode) typed.deepCopy() : Json.MAPPER.createArrayNode();
        cannotShow.setVisible(!canShow(items));
        onChange.accept(typed);
    }

    /**
     * Shows each problem beside its field in its row; one about a whole row below the row, one about the list
     * (or any, while the list is shown as JSON) below the list.
     *
     * @param problems the problems inside this list, each with its path from the list ({@code [1].keepLast})
     */
    void showProblems(List<FieldProblem> problems) {
        rows.forEach(Row::clearProblems);
        List<String> ofList = new ArrayList<>();
        for (FieldProblem problem : problems) {
            Matcher at = ITEM_PATH.matcher(problem.inside());
            int index = at.matches() ? Integer.parseInt(at.group(1)) : -1;
            if (jsonMode || index < 0 || index >= rows.size()) {
                ofList.add(problem.text());
            } else {
                rows.get(index).showProblem(at.group(2), at.group(3), problem.message());
            }
        }
        setErrorMessage(ofList.isEmpty() ? null : String.join("; ", ofList));
        setInvalid(!ofList.isEmpty());
    }

    @Override
    protected JsonNode generateModelValue() {
        return items.isEmpty() ? null : items.deepCopy();
    }

    @Override
    protected void setPresentationValue(JsonNode value) {
        items = value != null && value.isArray() ? ((ArrayNode) value).deepCopy() : Json.MAPPER.createArrayNode();
        rows.clear();
        rowList.removeAll();
        boolean showable = canShow(items);
        if (showable) {
            items.forEach(item -> append((ObjectNode) item));
        }
        showMode(!showable);
    }

    /** Whether every item is an object the rows can show whole: no property the item or its branch does not list. */
    private boolean canShow(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject()) {
                return false;
            }
            JsonNode options = branches.of(item).path("properties");
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                JsonNode schema = itemSchema.path("properties").has(property.getKey())
                        ? itemSchema.path("properties").get(property.getKey()) : options.path(property.getKey());
                if (!schema.isObject() || property.getValue().isContainerNode()
                        || (schema.has("enum") && !contains(schema.get("enum"), property.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode each : list) {
            if (each.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private Row append(ObjectNode item) {
        Row row = new Row(item);
        rows.add(row);
        rowList.add(row);
        return row;
    }

    private void changed() {
        items = Json.MAPPER.createArrayNode();
        rows.forEach(row -> items.add(row.item.deepCopy()));
        updateValue();
        onChange.accept(items.isEmpty() ? null : items.deepCopy());
    }

    private void showMode(boolean asJson) {
        jsonMode = asJson;
        json.removeAll();
        if (asJson) {
            TextArea text = NodeForm.jsonText(null, "", items.isEmpty() ? null : items, this::jsonTyped);
            text.setAriaLabel(getLabel() + " (JSON)");
            text.addClassName("object-rows-json");
            json.add(text);
        }
        builder.setVisible(!asJson);
        json.setVisible(asJson);
        cannotShow.setVisible(asJson && !canShow(items));
        mode.setText(getTranslation(asJson ? "rows.mode.rows" : "rows.mode.json"));
    }

    private void move(Row row, int by) {
        int from = rows.indexOf(row);
        int to = from + by;
        if (to < 0 || to >= rows.size()) {
            return;
        }
        rows.remove(from);
        rows.add(to, row);
        rowList.removeAll();
        rows.forEach(rowList::add);
        changed();
    }

    /** One item: its listed properties, its branch's options, and the buttons to move or remove it. */
    final class Row extends Div {

        private final ObjectNode item;
        private final Div options = new Div();
        private final Span error = new Span();
        private final Map<String, Component> shown = new LinkedHashMap<>();
        private final int number = ++made;

        private Row(ObjectNode item) {
            this.item = item;
            addClassNames("object-row");
            Div base = new Div();
            base.addClassName("object-row-fields");
            itemSchema.path("properties").properties().forEach(property -> {
                String name = property.getKey();
                Component field = field(name, property.getValue(), requires(itemSchema, name));
                if (branches.discriminator().filter(name::equals).isPresent() && field instanceof Select<?> select) {
                    describeBranches(select);
                }
                base.add(field);
            });
            options.addClassName("object-row-fields");
            showOptions();
            error.addClassName("form-error");
            error.setVisible(false);
            Button up = button(VaadinIcon.ARROW_UP, "rows.up", "object-row-up", () -> move(this, -1));
            Button down = button(VaadinIcon.ARROW_DOWN, "rows.down", "object-row-down", () -> move(this, 1));
            Button remove = button(VaadinIcon.CLOSE_SMALL, "rows.remove", "object-row-remove", () -> {
                rows.remove(this);
                rowList.remove(this);
                ObjectRows.this.changed();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            Div actions = new Div(up, down, remove);
            actions.addClassName("object-row-actions");
            add(actions, base, options, error);
        }

        /** The item as it stands. */
        ObjectNode item() {
            return item.deepCopy();
        }

        /** The field shown for a property of the item or its branch, if any. */
        Optional<Component> field(String name) {
            return Optional.ofNullable(shown.get(name));
        }

        private Component field(String name, JsonNode schema, boolean required) {
            Component field = fields.field(id + "-" + number + "-" + name, name, schema, required, item.get(name),
                    value -> set(name, value));
            field.getElement().getClassList().add("row-field-" + name);
            shown.put(name, field);
            return field;
        }

        private void set(String name, JsonNode value) {
            if (value == null) {
                item.remove(name);
            } else {
                item.set(name, value);
            }
            if (branches.discriminator().filter(name::equals).isPresent()) {
                JsonNode taken = branches.of(item).path("properties");
                item.properties().removeIf(property -> !itemSchema.path("properties").has(property.getKey())
                        && !taken.has(property.getKey()));
                showOptions();
            }
            ObjectRows.this.changed();
        }

        @SuppressWarnings("unchecked")
        private void describeBranches(Select<?> choice) {
            Select<String> select = (Select<String>) choice;
            select.setItemLabelGenerator(value -> branches.of(value).path("title").asText(value));
            Runnable describe = () -> select.setHelperText(branches.of(select.getValue()).path("description")
                    .asText(""));
            describe.run();
            select.addValueChangeListener(e -> describe.run());
        }

        private void showOptions() {
            options.getChildren().forEach(child -> shown.values().remove(child));
            options.removeAll();
            JsonNode branch = branches.of(item);
            branch.path("properties").properties().forEach(property -> {
                if (property.getValue().isObject() && !itemSchema.path("properties").has(property.getKey())) {
                    options.add(field(property.getKey(), property.getValue(), requires(branch, property.getKey())));
                }
            });
            options.setVisible(options.getComponentCount() > 0);
        }

        private void clearProblems() {
            shown.values().forEach(field -> {
                if (field instanceof HasValidation validated) {
                    validated.setErrorMessage(null);
                    validated.setInvalid(false);
                }
            });
            error.setText("");
            error.setVisible(false);
        }

        private void showProblem(String property, String rest, String message) {
            Component field = property == null ? null : shown.get(property);
            if (field instanceof HasValidation validated) {
                String text = rest.isEmpty() ? message : rest + " " + message;
                validated.setErrorMessage(validated.isInvalid() && validated.getErrorMessage() != null
                        ? validated.getErrorMessage() + "; " + text : text);
                validated.setInvalid(true);
            } else {
                String text = (property == null ? rest : "." + property + rest).strip();
                text = text.isEmpty() ? message : text + " " + message;
                error.setText(error.getText().isEmpty() ? text : error.getText() + "; " + text);
                error.setVisible(true);
            }
        }

        private Button button(VaadinIcon icon, String label, String className, Runnable action) {
            Button button = new Button(icon.create(), click -> action.run());
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            button.setAriaLabel(getTranslation(label));
            button.setTooltipText(getTranslation(label));
            button.addClassName(className);
            return button;
        }
    }

    private static boolean requires(JsonNode objectSchema, String property) {
        for (JsonNode required : objectSchema.path("required")) {
            if (required.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }
}
