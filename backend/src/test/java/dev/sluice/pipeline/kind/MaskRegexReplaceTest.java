package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.length;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskRegexReplaceTest {

    @Test
    void replacesEveryMatchUsingGroups() throws StepFailure {
        String idRule = """
                {"mode": "regex-replace", "pattern": "^(\\\\d{6})\\\\d{8}(\\\\d{3}[\\\\dXx])$", "replacement": "$1********$2"}""";
        assertThat(maskOne(idRule, TextNode.valueOf("330108198511022463")))
                .isEqualTo(TextNode.valueOf("330108********2463"));
        assertThat(maskOne(idRule, TextNode.valueOf("11010519491231002X")))
                .isEqualTo(TextNode.valueOf("110105********002X"));
        assertThat(maskOne("""
                {"mode": "regex-replace", "pattern": "(?P<first>\\\\w)[\\\\w.]*@", "replacement": "${first}***@"}""",
                TextNode.valueOf("ab@b.cn, c.d@d.cn"))).isEqualTo(TextNode.valueOf("a***@b.cn, c***@d.cn"));
        assertThat(maskOne("""
                {"mode": "regex-replace", "pattern": "\\\\p{Han}", "replacement": "某"}""",
                TextNode.valueOf("杨娜 Yang Na"))).isEqualTo(TextNode.valueOf("某某 Yang Na"));
        assertThat(maskOne("""
                {"mode": "regex-replace", "pattern": "\\\\d+", "replacement": "\\\\$"}""",
                TextNode.valueOf("cost 300"))).isEqualTo(TextNode.valueOf("cost $"));
    }

    @Test
    void runsAPatternThatWouldBacktrackForeverInLinearTime() {
        MaskRegexReplace hostile = new MaskRegexReplace(MaskPatterns.compile("(x+x+)+y"), "");
        MaskRegexReplace classic = new MaskRegexReplace(MaskPatterns.compile("^(a|a?)+$"), "");
        String xs = "x".repeat(MaskRegexReplace.MAX_INPUT);

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(hostile.replace(xs)).isEqualTo(xs);
            assertThat(classic.replace("a".repeat(5000) + "b")).hasSize(5001);
        });
    }

    @Test
    void refusesPatternsTooCostlyToBuildOrRunQuickly() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> MaskPatterns.compile("((a{1000}){1000}){1000}"))
                    .hasMessageContaining("nests counted repetitions");
            assertThatThrownBy(() -> MaskPatterns.compile("(?:(?:a{40}){40})")).hasMessageContaining("at most 1000");
            assertThatThrownBy(() -> MaskPatterns.compile("[\\x{0}-\\x{10FFFF}]{1000}"))
                    .hasMessageContaining("too large once compiled");
            assertThatThrownBy(() -> MaskPatterns.compile("a".repeat(1001))).hasMessageContaining("longer than 1000");
        });
        assertThat(MaskPatterns.compile("(a{30}){30}").programSize()).isLessThanOrEqualTo(MaskPatterns.MAX_PROGRAM);
    }

    @Test
    void readsRepetitionsButNotLiteralBraces() {
        assertThat(MaskPatterns.RepeatDepth.of("((a{10}){10}){10}")).isEqualTo(1000);
        assertThat(MaskPatterns.RepeatDepth.of("a{5,20}b{3,}")).isEqualTo(20);
        assertThat(MaskPatterns.RepeatDepth.of("\\x{100}\\p{Han}[{9}]\\Q{999}\\E")).isEqualTo(1);
        assertThat(MaskPatterns.RepeatDepth.of("(a{10})(b{20}){3}")).isEqualTo(60);
        assertThat(MaskPatterns.RepeatDepth.of("[]{]{7}")).isEqualTo(7);
    }

    @Test
    void failsTheEventRatherThanBuildAHugeValue() {
        MaskRegexReplace blowUp = new MaskRegexReplace(MaskPatterns.compile(""), "x".repeat(1000));
        assertThatThrownBy(() -> blowUp.replace("a".repeat(5000)))
                .isInstanceOf(Masker.Unmaskable.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> blowUp.replace("a".repeat(MaskRegexReplace.MAX_INPUT + 1)))
                .isInstanceOf(Masker.Unmaskable.class).hasMessageContaining("at most");
    }

    @Test
    void leavesNoDigitInRandomText() throws Masker.Unmaskable {
        MaskRegexReplace digits = new MaskRegexReplace(MaskPatterns.compile("[0-9]"), "#");
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random);
            String replaced = digits.replace(text);

            assertThat(replaced).as("try %d", i).doesNotContainPattern("[0-9]");
            assertThat(length(replaced)).isEqualTo(length(text));
            assertThat(replaced.equals(text)).isEqualTo(!text.matches("(?s).*[0-9].*"));
        }
    }
}
