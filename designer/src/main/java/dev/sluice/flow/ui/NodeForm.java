package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasPlaceholder;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.json.Json;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRole;
import dev.sluice.secret.ui.SecretChoice;
import dev.sluice.secret.ui.TextOrSecretMap;

/**
 * A node's property form, generated from its kind's config JSON Schema: text, number, yes/no and choice
 * fields, a line per item for lists of strings, a code editor for strings with a {@code contentMediaType}, a rule
 * builder for {@code "format": "event-pattern"}, a choice of the workspace's secrets for
 * {@code "format": "secret-ref"} (also as values of an object whose values are text or secrets, and within
 * objects with listed properties), a choice of the workspace's connections of one kind for
 * {@code "format": "<kind>-connection"}, rows for lists of objects with listed properties (their fields made
 * here too), and JSON text for anything more complex. Every change
 * hands the whole new config to the listener; JSON that does not parse is flagged on its field and kept
 * out of the config until it does.
 */
class NodeForm extends FormLayout {

    /** The {@code format} suffix of a property naming a connection; the kind is what comes before it. */
    private static final String CONNECTION_FORMAT = "-connection";

    private final ObjectNode config;
    private final Consumer<ObjectNode> onChange;
    private final FormContext context;

    private final Map<String, TextArea> pathLists = new LinkedHashMap<>();
    private final Map<String, ObjectRows> ruleLists = new LinkedHashMap<>();
    private final Map<String, Component> fields = new LinkedHashMap<>();
    private FieldPicker picker;

    NodeForm(String nodeId, NodeKind<?> kind, JsonNode current, FormContext context, Consumer<ObjectNode> onChange) {
        this.config = current != null && current.isObject() ? ((ObjectNode) current).deepCopy()
                : Json.MAPPER.createObjectNode();
        this.onChange = onChange;
        this.context = context;
        setId("node-form");
        setResponsiveSteps(new ResponsiveStep("0", 1));
        H4 title = new H4(nodeId + " · " + NodeTexts.title(kind.spec(), getLocale()));
        title.setId("node-form-title");
        title.setTitle(kind.id());
        add(title, new Paragraph(NodeTexts.summary(kind.spec(), getLocale())));
        JsonNode schema = NodeTexts.configSchema(kind.spec(), getLocale());
        JsonNode example = FlowJson.parse(kind.spec().example());
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            Component field = field("field-" + name, name, property.getValue(), requires(schema, name),
                    config.get(name), value -> update(name, value));
            fields.put(name, field);
            placeholder(field, example.get(name));
            if (field instanceof TextArea lines && SourceFields.listsPaths(example.get(property.getKey()))) {
                pathLists.put(property.getKey(), lines);
            }
            if (field instanceof ObjectRows rows && SourceFields.listsRules(example.get(property.getKey()))) {
                ruleLists.put(property.getKey(), rows);
            }
            add(field);
        }
        SourceFields sourceFields = context.sourceFields();
        if (!sourceFields.isEmpty() && kind.role() != NodeRole.SOURCE) {
            Map<String, String> labels = new LinkedHashMap<>();
            pathLists.forEach((name, lines) -> labels.put(name, lines.getLabel().replace(" *", "")));
            picker = new FieldPicker(getTranslation("picker.title", sourceFields.source()),
                    getTranslation("picker.pii"), sourceFields.fields(), labels, this::addPath, ruleActions(schema));
            markUnmasked();
            add(picker);
        }
    }

    /** The kind's example value as the empty field's hint: an example of what to write, never a value set. */
    private static void placeholder(Component field, JsonNode example) {
        if (example == null || !(field instanceof HasPlaceholder hinted) || field instanceof Select<?>) {
            return;
        }
        String hint;
        if (example.isValueNode()) {
            hint = example.asText();
        } else if (example.isArray() && !example.isEmpty() && example.get(0).isValueNode()) {
            hint = joinLines(example);
        } else if (example.isArray() && !example.isEmpty()) {
            hint = pretty(Json.MAPPER.createArrayNode().add(example.get(0)));
        } else {
            hint = pretty(example);
        }
        hinted.setPlaceholder(hint);
    }

    /** Mask and remove for the first list of rules with a path, where its rules' modes offer them. */
    private FieldPicker.RuleActions ruleActions(JsonNode schema) {
        if (ruleLists.isEmpty()) {
            return null;
        }
        String name = ruleLists.keySet().iterator().next();
        ObjectRows rules = ruleLists.get(name);
        List<String> modes = new ItemBranches(schema.path("properties").path(name).path("items")).values();
        return new FieldPicker.RuleActions(!modes.contains(SuggestedMasks.REDACT) ? null
                : field -> rules.addItem(SuggestedMasks.mask(field.path(), field.tag(), modes,
                        field.tag() == null ? List.of() : context.secretNames().get().names())),
                !modes.contains(SuggestedMasks.REMOVE) ? null : field -> rules.addItem(SuggestedMasks.remove(field.path())));
    }

    /** Marks the personal fields no rule of this node covers: one at the field or above it. */
    private void markUnmasked() {
        if (picker == null) {
            return;
        }
        List<String> masked = new ArrayList<>();
        ruleLists.values().forEach(rules -> rules.items().forEach(rule -> masked.add(rule.path("path").asText())));
        picker.markUnmasked(path -> masked.stream().anyMatch(rule -> !rule.isEmpty() && (path.equals(rule)
                || path.startsWith(rule + ".") || path.startsWith(rule + "["))));
    }

    FieldPicker picker() {
        return picker;
    }

    /** Appends a picked field to a list of paths, once. */
    void addPath(String list, String path) {
        TextArea lines = pathLists.get(list);
        if (lines != null && lines.getValue().lines().map(String::strip).noneMatch(path::equals)) {
            lines.setValue(lines.getValue().isBlank() ? path : lines.getValue().stripTrailing() + "\n" + path);
        }
    }

    /**
     * The field for one property of the config, or of an object within it.
     *
     * @param id    the field's element id: {@code field-<name>}, {@code field-<object>-<name>} within an object
     * @param value the property's current value, null when absent
     * @param set   takes the new value, null to leave the property out
     */
    private Component field(String id, String name, JsonNode schema, boolean required, JsonNode value,
                            Consumer<JsonNode> set) {
        String label = schema.path("title").asText(name) + (required ? " *" : "");
        String help = schema.path("description").asText("");
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        Component field;
        if (format.equals("event-pattern")) {
            PatternEditor patterns = new PatternEditor(label, help, value, context, set);
            patterns.setWidthFull();
            field = patterns;
        } else if (format.equals("secret-ref")) {
            field = new SecretChoice(label, help, value, context.secretNames().get(), set);
        } else if (format.endsWith(CONNECTION_FORMAT) && format.length() > CONNECTION_FORMAT.length()) {
            field = new ConnectionChoice(label, help, format.substring(0, format.length() - CONNECTION_FORMAT.length()),
                    value, context.connections().get(), set);
        } else if (schema.has("enum") && (type.isEmpty() || type.equals("string"))) {
            Select<String> select = new Select<>();
            List<String> options = new ArrayList<>();
            schema.get("enum").forEach(option -> options.add(option.asText()));
            select.setItems(options);
            if (!required) {
                // an optional choice left empty takes the kind's default: say which, rather than show a blank
                select.setEmptySelectionAllowed(true);
                select.setEmptySelectionCaption(schema.has("default")
                        ? getTranslation("form.default", schema.get("default").asText()) : getTranslation("form.none"));
            }
            select.setValue(value == null || !options.contains(value.asText()) ? null : value.asText());
            select.addValueChangeListener(e -> set.accept(e.getValue() == null ? null
                    : Json.MAPPER.getNodeFactory().textNode(e.getValue())));
            select.setLabel(label);
            select.setHelperText(help);
            field = select;
        } else if (type.equals("string") && schema.has("contentMediaType")) {
            CodeEditor code = new CodeEditor(label, schema.get("contentMediaType").asText());
            code.setValue(value == null ? "" : value.asText());
            code.onChange(text -> set.accept(text.isEmpty() ? null
                    : Json.MAPPER.getNodeFactory().textNode(text)));
            code.setHelperText(help);
            code.setWidthFull();
            field = code;
        } else if (type.equals("string")) {
            TextField text = new TextField(label);
            text.setValue(value == null ? "" : value.asText());
            text.setValueChangeMode(ValueChangeMode.LAZY);
            text.addValueChangeListener(e -> set.accept(e.getValue().isEmpty() ? null
                    : Json.MAPPER.getNodeFactory().textNode(e.getValue())));
            text.setHelperText(help);
            text.setWidthFull();
            field = text;
        } else if (type.equals("number") || type.equals("integer")) {
            NumberField number = new NumberField(label);
            if (value != null && value.isNumber()) {
                number.setValue(value.asDouble());
            }
            number.addValueChangeListener(e -> set.accept(e.getValue() == null ? null
                    : type.equals("integer") ? Json.MAPPER.getNodeFactory().numberNode(e.getValue().longValue())
                    : Json.MAPPER.getNodeFactory().numberNode(e.getValue())));
            number.setHelperText(help);
            field = number;
        } else if (type.equals("boolean")) {
            Checkbox box = new Checkbox(label, value != null && value.asBoolean());
            box.addValueChangeListener(e -> set.accept(Json.MAPPER.getNodeFactory().booleanNode(e.getValue())));
            field = box;
        } else if (type.equals("array") && schema.path("items").path("type").asText().equals("string")
                && !schema.path("items").has("enum")) {
            TextArea lines = new TextArea(label);
            lines.setValue(value == null ? "" : joinLines(value));
            lines.setValueChangeMode(ValueChangeMode.LAZY);
            lines.setHelperText(help.isEmpty() ? getTranslation("form.one-per-line")
                    : help + " · " + getTranslation("form.one-per-line"));
            lines.addValueChangeListener(e -> {
                ArrayNode items = Json.MAPPER.createArrayNode();
                e.getValue().lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
                set.accept(items.isEmpty() ? null : items);
            });
            lines.setWidthFull();
            field = lines;
        } else if (ObjectRows.fits(schema)) {
            field = new ObjectRows(id, label, help, schema, value, this::field, set);
        } else if (type.equals("object") && TextOrSecretMap.fits(schema) && TextOrSecretMap.canShow(value)) {
            field = new TextOrSecretMap(label, help, value, context.secretNames().get(), set);
        } else if (type.equals("object") && schema.has("properties")
                && !schema.path("additionalProperties").isObject()) {
            field = group(id, label, help, schema, value, set);
        } else {
            field = jsonText(label + " (JSON)", help, value, set);
        }
        field.setId(id);
        return field;
    }

    /** JSON text for a value no other field can show; JSON that does not parse is flagged and not handed on. */
    static TextArea jsonText(String label, String help, JsonNode value, Consumer<JsonNode> set) {
        TextArea json = new TextArea(label);
        json.addClassName("json-field");
        json.setValue(value == null ? "" : pretty(value));
        json.setValueChangeMode(ValueChangeMode.LAZY);
        json.setHelperText(help);
        json.addValueChangeListener(e -> {
            if (e.getValue().isBlank()) {
                json.setInvalid(false);
                set.accept(null);
                return;
            }
            try {
                JsonNode parsed = FlowJson.parse(e.getValue());
                json.setInvalid(false);
                set.accept(parsed);
            } catch (InvalidFlowException bad) {
                json.setErrorMessage(bad.problems().getFirst().message());
                json.setInvalid(true);
            }
        });
        json.setWidthFull();
        return json;
    }

    /** An object with listed properties (an external broker, a signature): its fields; left out while all are empty. */
    private FieldGroup group(String id, String label, String help, JsonNode schema, JsonNode value,
                             Consumer<JsonNode> set) {
        ObjectNode object = value != null && value.isObject() ? ((ObjectNode) value).deepCopy()
                : Json.MAPPER.createObjectNode();
        FieldGroup group = new FieldGroup(label, help, !object.isEmpty());
        schema.path("properties").fields().forEachRemaining(property -> {
            String name = property.getKey();
            group.addField(field(id + "-" + name, name, property.getValue(), requires(schema, name), object.get(name),
                    changed -> {
                        if (changed == null) {
                            object.remove(name);
                        } else {
                            object.set(name, changed);
                        }
                        set.accept(object.isEmpty() ? null : object.deepCopy());
                    }));
        });
        return group;
    }

    private static boolean requires(JsonNode objectSchema, String property) {
        for (JsonNode required : objectSchema.path("required")) {
            if (required.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shows each problem below this node's config next to its field ({@code config.code line 2, column 11: …}
     * beside the code); fields without a problem are cleared.
     *
     * @param problems the problems of this node by field, each with its path inside the field
     */
    void showProblems(Map<String, List<FieldProblem>> problems) {
        fields.forEach((name, field) -> {
            List<FieldProblem> inField = problems.getOrDefault(name, List.of());
            String message = FieldProblem.joined(inField);
            if (field instanceof ObjectRows rows) {
                rows.showProblems(inField);
            } else if (field instanceof com.vaadin.flow.component.HasValidation validated) {
                validated.setErrorMessage(message);
                validated.setInvalid(message != null);
            }
        });
    }

    private void update(String name, JsonNode value) {
        if (value == null) {
            config.remove(name);
        } else {
            config.set(name, value);
        }
        if (ruleLists.containsKey(name)) {
            markUnmasked();
        }
        onChange.accept(config.deepCopy());
    }

    private static String joinLines(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join("\n", items);
    }

    static String pretty(JsonNode value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return value.toString();
        }
    }

    /** For those who only read: every setting shown, none changeable, no action that would change one. */
    void setReadOnly() {
        descendants(this).forEach(component -> {
            if (component instanceof HasValue<?, ?> value) {
                value.setReadOnly(true);
            } else if (component instanceof Button button) {
                button.setEnabled(false);
            }
        });
    }

    private static Stream<Component> descendants(Component component) {
        return component.getChildren().flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }

    Collection<Component> fieldsShown() {
        return fields.values();
    }
}
