package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.length;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskEmailTest {

    private final MaskEmail email = new MaskEmail(1, '*');

    @Test
    void keepsTheFirstCharacterAndTheDomain() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"email\"}", TextNode.valueOf("zhang.wei@example.com")))
                .isEqualTo(TextNode.valueOf("z***@example.com"));
        assertThat(email.mask("user0@mail.example.cn")).isEqualTo("u***@mail.example.cn");
        assertThat(email.mask("张伟@例子.中国")).isEqualTo("张***@例子.中国");
    }

    @Test
    void hidesTheLengthOfTheLocalPart() {
        assertThat(email.mask("ab@example.com")).isEqualTo("a***@example.com");
        assertThat(email.mask("abcdefgh@example.com")).isEqualTo("a***@example.com");
    }

    @Test
    void neverKeepsAWholeLocalPart() {
        assertThat(email.mask("z@example.com")).isEqualTo("***@example.com");
        assertThat(new MaskEmail(5, '*').mask("zhang@example.com")).isEqualTo("***@example.com");
        assertThat(new MaskEmail(0, '#').mask("zhang@example.com")).isEqualTo("###@example.com");
    }

    @Test
    void masksWholeWhatIsNotAnAddress() {
        assertThat(email.mask("not an email")).isEqualTo("************");
        assertThat(email.mask("a@b@example.com")).isEqualTo("***************");
        assertThat(email.mask("zhang@localhost")).isEqualTo("***************");
        assertThat(email.mask("zhang wei@example.com")).isEqualTo("*********************");
        assertThat(email.mask("@example.com")).isEqualTo("************");
        assertThat(email.mask("zhang@")).isEqualTo("******");
        assertThat(email.mask("zhang@example..com")).isEqualTo("******************");
        assertThat(email.mask("")).isEmpty();
    }

    @Test
    void neverRevealsARandomLocalPart() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String local = randomText(random).replace("@", "").replace(" ", "");
            String domain = "mail.example" + random.nextInt(100) + ".cn";
            String address = local + "@" + domain;
            String masked = email.mask(address);

            if (local.isEmpty()) {
                assertThat(masked).as("try %d", i).isEqualTo("*".repeat(length(address)));
            } else {
                String kept = length(local) > 1 ? local.substring(0, local.offsetByCodePoints(0, 1)) : "";
                assertThat(masked).as("try %d", i).isEqualTo(kept + "***@" + domain);
                assertThat(masked).doesNotContain(address);
                assertThat(length(kept)).isLessThan(length(local));
            }
        }
    }

    @Test
    void masksRandomTextThatIsNotAnAddressWhole() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random).replace("@", "");
            assertThat(email.mask(text)).as("try %d", i).isEqualTo("*".repeat(length(text)));
        }
    }
}
