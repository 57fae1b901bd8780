package dev.sluice.flow.ui;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
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

    /**
     * What a new node of {@code kind} lacks while {@code setting} is unset, in the kind's words
     * ({@code node.<id>.missing.<setting>}), when the designer has them.
     */
    static Optional<String> missing(String kind, String setting, Locale locale) {
        String key = "node." + kind + ".missing." + setting;
        String text = translated(key, locale, null);
        return Optional.ofNullable(text);
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
