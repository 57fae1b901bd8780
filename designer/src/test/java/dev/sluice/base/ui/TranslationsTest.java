package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The bundles the views read: every key in English is in Simplified Chinese too, and none is left blank. Node kinds'
 * titles and summaries ({@code node.*}) are English in the kinds themselves and only translated here, unless the
 * designer words them itself (what a new node is missing).
 */
class TranslationsTest {

    @Test
    void everyEnglishKeyHasAChineseValueAndNoValueIsBlank() throws IOException {
        Properties fallback = bundle("translations.properties");
        Properties english = bundle("translations_en.properties");
        Properties chinese = bundle("translations_zh_CN.properties");

        assertThat(english).isEqualTo(fallback);
        assertThat(chinese.stringPropertyNames()).filteredOn(key -> !key.startsWith("node."))
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames().stream()
                        .filter(key -> !key.startsWith("node.")).toList());
        assertThat(chinese.stringPropertyNames()).as("node texts the designer words in English")
                .containsAll(english.stringPropertyNames());
        assertThat(chinese.values()).allSatisfy(value -> assertThat((String) value).isNotBlank());
        assertThat(chinese.stringPropertyNames()).filteredOn(key -> !key.equals("nav.home"))
                .filteredOn(key -> chinese.getProperty(key).equals(english.getProperty(key)))
                .as("values left in English").isEmpty();
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
