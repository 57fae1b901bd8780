package dev.sluice.flow.ui;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.NodeSpec;

/**
 * A node kind's texts in the user's language: its title and summary ({@code node.<id>.title}, {@code node.<id>.summary})
 * and the titles and descriptions of its settings, each by where it is in the kind's config schema
 * ({@code node.<id>.setting.<property>.title}; within objects and list items {@code node.mask.setting.rules.mode.title};
 * the options of a mode by the mode's value, {@code node.mask.setting.rules.partial.keepFirst.description}). Where the
 * designer has no translation, the kind's own English stays, so a kind added without translations still reads well.
 */
final class NodeTexts {

    private static final String BUNDLE = "vaadin-i18n.translations";

    private NodeTexts() {
    }

    static String title(NodeSpec<?> spec, Locale locale) {
        return translated(spec.titleKey(), locale, spec.title());
    }

    static String summary(NodeSpec<?> spec, Locale locale) {
        return translated(spec.summaryKey(), locale, spec.summary());
    }

    /**
     * What a new node of {@code kind} lacks while {@code setting} is unset, in the kind's words
     * ({@code node.<id>.missing.<setting>}), when the designer has them.
     */
    static Optional<String> missing(String kind, String setting, Locale locale) {
        String key = "node." + kind + ".missing." + setting;
        String text = translated(key, locale, null);
        return Optional.ofNullable(text);
    }

    /** The kind's config schema with its settings' titles and descriptions in the user's language. */
    static JsonNode configSchema(NodeSpec<?> spec, Locale locale) {
        JsonNode schema = FlowJson.parse(spec.configSchema());
        ResourceBundle bundle = bundle(locale);
        if (bundle != null && schema instanceof ObjectNode object) {
            translateBelow(object, "node." + spec.id() + ".setting", bundle);
        }
        return schema;
    }

    /**
     * The title of a list setting's items when {@code discriminator} has {@code value} (a mask rule's mode), in the
     * user's language; the value itself when the schema names none.
     */
    static String itemTitle(NodeSpec<?> spec, String list, String discriminator, String value, Locale locale) {
        for (JsonNode branch : configSchema(spec, locale).path("properties").path(list).path("items").path("allOf")) {
            if (branch.path("if").path("properties").path(discriminator).path("const").asText().equals(value)) {
                return branch.path("then").path("title").asText(value);
            }
        }
        return value;
    }

    private static void translate(JsonNode schema, String key, ResourceBundle bundle) {
        if (schema instanceof ObjectNode object) {
            for (String text : new String[] {"title", "description"}) {
                if (bundle.containsKey(key + "." + text)) {
                    object.put(text, bundle.getString(key + "." + text));
                }
            }
            translateBelow(object, key, bundle);
        }
    }

    /** Properties by name; the properties of list items and map values as the list's or map's; a branch by its value. */
    private static void translateBelow(ObjectNode schema, String key, ResourceBundle bundle) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            translate(property.getValue(), key + "." + property.getKey(), bundle);
        }
        for (String each : new String[] {"items", "additionalProperties"}) {
            if (schema.get(each) instanceof ObjectNode item) {
                translateBelow(item, key, bundle);
            }
        }
        for (JsonNode branch : schema.path("allOf")) {
            for (Map.Entry<String, JsonNode> condition : branch.path("if").path("properties").properties()) {
                if (condition.getValue().has("const")) {
                    translate(branch.get("then"), key + "." + condition.getValue().get("const").asText(), bundle);
                }
            }
        }
    }

    private static String translated(String key, Locale locale, String fallback) {
        ResourceBundle bundle = bundle(locale);
        return bundle != null && bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    private static ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale,
                    NodeTexts.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException noBundle) {
            return null;
        }
    }
}
