package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.length;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskPhoneTest {

    private final MaskPhone phone = new MaskPhone(3, 4, '*');

    @Test
    void keepsThePrefixAndTheLastFourDigitsOfAMainlandMobile() throws StepFailure {
        assertThat(maskOne("{\"mode\": \"phone\"}", TextNode.valueOf("13812345678")))
                .isEqualTo(TextNode.valueOf("138****5678"));
        assertThat(maskOne("{\"mode\": \"phone\"}", LongNode.valueOf(19159083016L)))
                .isEqualTo(TextNode.valueOf("191****3016"));
    }

    @Test
    void keepsTheCountryCodeAndSeparators() {
        assertThat(phone.mask("+86 13812345678")).isEqualTo("+86 138****5678");
        assertThat(phone.mask("+86 138-1234-5678")).isEqualTo("+86 138-****-5678");
        assertThat(phone.mask("(010) 6552-9988")).isEqualTo("(010) ****-9988");
        assertThat(phone.mask("+1 (415) 555.0100")).isEqualTo("+1 (415) ***.0100");
    }

    @Test
    void countsAllDigitsWhenTheCountryCodeCannotBeToldApart() {
        assertThat(phone.mask("+8613812345678")).isEqualTo("+861******5678");
    }

    @Test
    void masksFullWidthDigitsToo() {
        assertThat(phone.mask("１３８１２３４５６７８")).isEqualTo("１３８****５６７８");
    }

    @Test
    void masksEveryDigitOfAShortNumber() {
        assertThat(phone.mask("1234567")).isEqualTo("*******");
        assertThat(phone.mask("110")).isEqualTo("***");
        assertThat(phone.mask("+86 12-34")).isEqualTo("+86 **-**");
    }

    @Test
    void masksWholeWhatIsNotAPhoneNumber() {
        assertThat(phone.mask("138 1234 5678 ext. 9")).isEqualTo("*".repeat(20));
        assertThat(phone.mask("unknown")).isEqualTo("*******");
        assertThat(phone.mask("+")).isEqualTo("*");
        assertThat(phone.mask("--")).isEqualTo("**");
        assertThat(phone.mask("")).isEmpty();
    }

    @Test
    void keepsSeparatorsAndKeptDigitsOfRandomNumbers() {
        Random random = new Random(SEED);
        String separators = " -.()/";
        for (int i = 0; i < TRIES; i++) {
            StringBuilder number = new StringBuilder(random.nextBoolean() ? "+" + (1 + random.nextInt(999)) + " " : "");
            int prefix = number.length();
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 500 : 20);
            for (int j = 0; j < length; j++) {
                number.append(random.nextInt(5) == 0 ? separators.charAt(random.nextInt(separators.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String text = number.toString();
            int first = random.nextInt(5);
            int last = random.nextInt(6);
            String masked = new MaskPhone(first, last, '*').mask(text);

            String digits = text.substring(prefix).replaceAll("\\D", "");
            String maskedDigits = masked.substring(prefix).replaceAll("[^0-9*]", "");
            assertThat(masked).as("try %d", i).hasSize(text.length());
            if (digits.isEmpty()) {
                assertThat(masked).isEqualTo("*".repeat(text.length()));
                continue;
            }
            assertThat(masked.substring(0, prefix)).isEqualTo(text.substring(0, prefix));
            assertThat(masked.replaceAll("[0-9*]", "")).isEqualTo(text.replaceAll("[0-9]", ""));
            if (first + last >= digits.length()) {
                assertThat(maskedDigits).isEqualTo("*".repeat(digits.length()));
            } else {
                assertThat(maskedDigits).isEqualTo(digits.substring(0, first)
                        + "*".repeat(digits.length() - first - last) + digits.substring(digits.length() - last));
            }
            assertThat(masked).as("original revealed, try %d", i).isNotEqualTo(text);
        }
    }

    @Test
    void masksRandomTextWithLettersWhole() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random) + "x";
            assertThat(phone.mask(text)).as("try %d", i).isEqualTo("*".repeat(length(text)));
        }
    }
}
