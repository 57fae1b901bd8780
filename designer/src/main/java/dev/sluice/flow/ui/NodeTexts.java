package dev.sluice.flow.ui;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import dev.sluice.pipeline.NodeSpec;

/**
 * A node kind's title and summary in the user's language: the designer's translation of the spec's keys
 * ({@code node.<id>.title}, {@code node.<id>.summary}) where there is one, else the spec's own English text, so a kind
 * added without translations still reads well.
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

    private static String translated(String key, Locale locale, String fallback) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale,
                    NodeTexts.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
            return bundle.containsKey(key) ? bundle.getString(key) : fallback;
        } catch (MissingResourceException noBundle) {
            return fallback;
        }
    }
}
