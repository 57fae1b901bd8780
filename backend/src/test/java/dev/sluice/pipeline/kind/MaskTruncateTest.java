package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.codePoints;
import static dev.sluice.pipeline.kind.MaskFixtures.length;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskTruncateTest {

    @Test
    void keepsTheFirstCodePoints() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"truncate\", \"maxLength\": 3}", TextNode.valueOf("滨江区江陵路1760号")))
                .isEqualTo(TextNode.valueOf("滨江区"));
        assertThat(new MaskTruncate(2).truncate("😀😀😀")).isEqualTo("😀😀");
        assertThat(new MaskTruncate(0).truncate("abc")).isEmpty();
        assertThat(new MaskTruncate(5).truncate("abc")).isEqualTo("abc");
    }

    @Test
    void keepsAPrefixOfRandomTextNeverSplittingACharacter() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random);
            int max = random.nextInt(30);
            String truncated = new MaskTruncate(max).truncate(text);

            assertThat(length(truncated)).as("try %d", i).isEqualTo(Math.min(max, length(text)));
            assertThat(truncated).isEqualTo(codePoints(text, 0, length(truncated)));
            assertThat(truncated.equals(text)).isEqualTo(length(text) <= max);
        }
    }
}
