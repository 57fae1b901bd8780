package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeSpec;
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

    @Test
    void everyBuiltInKindsSettingsHaveChineseTitlesAndDescriptions() {
        assertThat(NodeRegistry.builtIn().all()).allSatisfy(kind -> {
            List<String> english = texts(NodeTexts.configSchema(kind.spec(), Locale.ENGLISH));
            List<String> chinese = texts(NodeTexts.configSchema(kind.spec(), Locale.SIMPLIFIED_CHINESE));
            assertThat(english).as(kind.id()).isNotEmpty();
            assertThat(chinese).as(kind.id()).hasSizeGreaterThanOrEqualTo(english.size())
                    .doesNotContainAnyElementsOf(english);
        });
    }

    @Test
    void aMaskModesOptionsAreTranslatedByTheModesValue() {
        JsonNode rule = NodeTexts.configSchema(mask(), Locale.SIMPLIFIED_CHINESE).at("/properties/rules/items");

        assertThat(rule.at("/properties/mode/title").asText()).isEqualTo("脱敏方式");
        JsonNode partial = rule.at("/allOf/1/then");
        assertThat(rule.at("/allOf/1/if/properties/mode/const").asText()).isEqualTo("partial");
        assertThat(partial.path("title").asText()).isEqualTo("保留首尾");
        assertThat(partial.at("/properties/keepFirst/title").asText()).isEqualTo("开头保留的字符数");
    }

    @Test
    void aMaskModeIsNamedByItsTitleInTheUsersLanguage() {
        assertThat(NodeTexts.itemTitle(mask(), "rules", "mode", "partial", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("保留首尾");
        assertThat(NodeTexts.itemTitle(mask(), "rules", "mode", "partial", Locale.ENGLISH))
                .isEqualTo("Keep first and last");
        assertThat(NodeTexts.itemTitle(mask(), "rules", "mode", "sparkle", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("sparkle");
    }

    @Test
    void inEnglishTheSchemaIsTheKindsOwn() {
        assertThat(NodeRegistry.builtIn().all()).allSatisfy(kind -> assertThat(
                NodeTexts.configSchema(kind.spec(), Locale.ENGLISH))
                .isEqualTo(FlowJson.parse(kind.spec().configSchema())));
    }

    @Test
    void aKindWithoutTranslationsKeepsItsSettingsInEnglish() {
        ForgetNode forget = new ForgetNode();

        assertThat(NodeTexts.configSchema(forget.spec(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo(FlowJson.parse(forget.spec().configSchema()));
    }

    private static NodeSpec<?> mask() {
        return NodeRegistry.builtIn().kind("mask").orElseThrow().spec();
    }

    /** Every title and description of the settings, in document order. */
    private static List<String> texts(JsonNode schema) {
        List<String> found = new ArrayList<>();
        collect("properties", schema.path("properties"), found);
        return found;
    }

    private static void collect(String name, JsonNode node, List<String> found) {
        if ((name.equals("title") || name.equals("description")) && node.isTextual()) {
            found.add(node.asText());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                collect(entry.getKey(), entry.getValue(), found);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect("", item, found));
        }
    }
}
