package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.NodeRegistry;
import example.forget.ForgetNode;

class NodeTextsTest {

    @Test
    void everyBuiltInKindHasAChineseTitleAndSummary() {
        assertThat(NodeRegistry.builtIn().all()).allSatisfy(kind -> {
            assertThat(NodeTexts.title(kind.spec(), Locale.SIMPLIFIED_CHINESE)).as(kind.id())
                    .isNotEqualTo(kind.spec().title());
            assertThat(NodeTexts.summary(kind.spec(), Locale.SIMPLIFIED_CHINESE)).as(kind.id())
                    .isNotEqualTo(kind.spec().summary());
        });
        assertThat(NodeTexts.title(NodeRegistry.builtIn().kind("mask").orElseThrow().spec(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("脱敏");
    }

    @Test
    void englishIsTheKindsOwnText() {
        assertThat(NodeRegistry.builtIn().all()).allSatisfy(kind -> {
            assertThat(NodeTexts.title(kind.spec(), Locale.ENGLISH)).isEqualTo(kind.spec().title());
            assertThat(NodeTexts.summary(kind.spec(), Locale.US)).isEqualTo(kind.spec().summary());
        });
    }

    @Test
    void aKindWithoutTranslationsReadsInEnglishInEveryLanguage() {
        ForgetNode forget = new ForgetNode();

        assertThat(NodeTexts.title(forget.spec(), Locale.SIMPLIFIED_CHINESE)).isEqualTo("Forget a field");
        assertThat(NodeTexts.summary(forget.spec(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("Removes one field from every event");
    }
}
