package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.codePoints;
import static dev.sluice.pipeline.kind.MaskFixtures.length;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskPartialTest {

    @Test
    void keepsTheLastFourDigitsOfABankCardAndItsLength() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"partial\", \"keepLast\": 4}", TextNode.valueOf("6222975432319482345")))
                .isEqualTo(TextNode.valueOf("***************2345"));
    }

    @Test
    void countsChineseCharactersAndEmojiAsOneEach() {
        assertThat(new MaskPartial(1, 0, '*').mask("杨娜")).isEqualTo("杨*");
        assertThat(new MaskPartial(1, 1, '*').mask("欧阳娜娜")).isEqualTo("欧**娜");
        assertThat(new MaskPartial(1, 1, '*').mask("😀abc😀")).isEqualTo("😀***😀");
        assertThat(new MaskPartial(0, 0, "🔒".codePointAt(0)).mask("ab")).isEqualTo("🔒🔒");
    }

    @Test
    void masksAShortValueWholeInsteadOfRevealingIt() {
        assertThat(new MaskPartial(1, 1, '*').mask("杨娜")).isEqualTo("**");
        assertThat(new MaskPartial(3, 4, '*').mask("1234567")).isEqualTo("*******");
        assertThat(new MaskPartial(Integer.MAX_VALUE, Integer.MAX_VALUE, '*').mask("abc")).isEqualTo("***");
        assertThat(new MaskPartial(0, 0, '*').mask("")).isEmpty();
    }

    @Test
    void masksEverythingByDefault() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"partial\"}", TextNode.valueOf("330108198511022463")))
                .isEqualTo(TextNode.valueOf("******************"));
    }

    @Test
    void masksNumbersByTheirJsonTextAndReturnsAString() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"partial\", \"keepLast\": 4}", LongNode.valueOf(6222975432319482345L)))
                .isEqualTo(TextNode.valueOf("***************2345"));
        assertThat(maskOne("{\"mode\": \"partial\", \"keepFirst\": 1, \"maskChar\": \"#\"}", IntNode.valueOf(36113)))
                .isEqualTo(TextNode.valueOf("3####"));
    }

    @Test
    void keepsExactlyTheKeptPartsAndTheLengthOfRandomText() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random);
            int first = random.nextInt(6);
            int last = random.nextInt(6);
            String masked = new MaskPartial(first, last, '*').mask(text);

            int n = length(text);
            assertThat(length(masked)).as("length, seed %d try %d", SEED, i).isEqualTo(n);
            boolean reveal = first + last < n;
            int keptFirst = reveal ? first : 0;
            int keptLast = reveal ? last : 0;
            assertThat(codePoints(masked, 0, keptFirst)).isEqualTo(codePoints(text, 0, keptFirst));
            assertThat(codePoints(masked, n - keptLast, n)).isEqualTo(codePoints(text, n - keptLast, n));
            assertThat(codePoints(masked, keptFirst, n - keptLast)).matches("\\**");
            // The text never contains *, so it survives only when it is empty.
            assertThat(masked.contains(text)).as("original revealed, try %d", i).isEqualTo(text.isEmpty());
        }
    }
}
