package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every translation key the designer's code names literally is in the English and the Chinese bundle: a key
 * missing there would show as {@code !{key}!} to a user. Whether the Chinese views show English is
 * {@code ChineseViewsIT}'s question.
 */
class TranslationKeysTest {

    private static final Pattern KEY = Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"");

    @Test
    void everyKeyTheViewsNameIsInBothBundles() throws IOException {
        Set<String> named = keysNamedIn(Path.of("src/main/java"));
        assertThat(named).as("keys found in the views' code").hasSizeGreaterThan(300);

        for (String bundle : new String[] {"translations_en.properties", "translations_zh_CN.properties"}) {
            Set<String> keys = bundle(bundle).stringPropertyNames();
            // a name ending in a dot is a prefix the code completes ("counter." + name): some key must start so
            assertThat(named).as("keys missing from " + bundle).filteredOn(key -> key.endsWith(".")
                    ? keys.stream().noneMatch(k -> k.startsWith(key)) : !keys.contains(key)).isEmpty();
        }
    }

    /**
     * A text with a placeholder is formatted by {@link java.text.MessageFormat}, where a lone apostrophe starts a
     * quoted run: "the source's key {0}" would show as "the sources key {0}". Such texts write it twice.
     */
    @Test
    void aTextWithPlaceholdersDoublesItsApostrophes() throws IOException {
        Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
        for (String bundle : new String[] {"translations_en.properties", "translations_zh_CN.properties"}) {
            Properties texts = bundle(bundle);
            assertThat(texts.stringPropertyNames()).as("texts of " + bundle + " with a placeholder and a lone '")
                    .filteredOn(key -> texts.getProperty(key).matches("(?s).*\\{\\d.*")
                            // '{' and '}' quote a brace on purpose
                            && loneApostrophe.matcher(texts.getProperty(key).replace("'{'", "").replace("'}'", ""))
                            .find())
                    .isEmpty();
        }
    }

    private static Set<String> keysNamedIn(Path sources) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher found = KEY.matcher(Files.readString(file));
                while (found.find()) {
                    keys.add(found.group(1));
                }
            }
        }
        return keys;
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationKeysTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
