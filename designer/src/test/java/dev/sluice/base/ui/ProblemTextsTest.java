package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class ProblemTextsTest {

    @Test
    void aKnownMessageIsShownInChineseWithItsArguments() {
        assertThat(ProblemTexts.message("is required", Locale.SIMPLIFIED_CHINESE)).isEqualTo("必填");
        assertThat(ProblemTexts.message("no node has the id 'ghost'", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("没有 ID 为“ghost”的节点");
        assertThat(ProblemTexts.message("workspace 'finance' may not subscribe to 'hr.people': ask the source's owner"
                + " for a grant", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("工作空间“finance”无权订阅“hr.people”：请向该事件源的所有者申请授权");
    }

    @Test
    void aMessageWithBracesOfItsOwnIsMatchedAndTranslated() {
        assertThat(ProblemTexts.message("{$.data.ids[*]} must name one value: no [*]", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("{$.data.ids[*]} 必须指向单个值：不能含 [*]");
        assertThat(ProblemTexts.message("has a { without its }", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("有 { 却没有对应的 }");
    }

    @Test
    void aNodeSummaryKeepsItsNamesAndValuesAndTranslatesItsWords() {
        assertThat(ProblemTexts.summary("bankAccount → last 4", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("bankAccount → 保留末 4 位");
        assertThat(ProblemTexts.summary("phone → first 3 (+5)", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("phone → 保留前 3 位（+5）");
        assertThat(ProblemTexts.summary("currency = CNY", Locale.SIMPLIFIED_CHINESE)).isEqualTo("currency = CNY");
        assertThat(ProblemTexts.summary("bankAccount → last 4", Locale.ENGLISH)).isEqualTo("bankAccount → last 4");
    }

    @Test
    void theMostSpecificPatternWins() {
        assertThat(ProblemTexts.message("is required: an http connection of this workspace (or give a url)",
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("必填：选择本工作空间的一个 http 连接（或填写 URL）");
    }

    @Test
    void jsonTypesInAMessageAreNamedInTheUsersLanguage() {
        assertThat(ProblemTexts.message("string found, integer expected", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("应为整数，实际为字符串");
    }

    @Test
    void inEnglishAMessageStaysAsTheBackendWroteIt() {
        for (String message : new String[] {"is required", "no node has the id 'ghost'",
                "string found, integer expected", "closes a cycle: a → b → a",
                "a flow needs a source node (kind 'source')"}) {
            assertThat(ProblemTexts.message(message, Locale.ENGLISH)).isEqualTo(message);
        }
    }

    @Test
    void anUnknownMessageStaysInEnglish() {
        assertThat(ProblemTexts.message("line 2, column 11: Expected ; but found x", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("line 2, column 11: Expected ; but found x");
    }
}
