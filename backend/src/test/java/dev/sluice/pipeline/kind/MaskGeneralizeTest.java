package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.StepFailure;

class MaskGeneralizeTest {

    private static final String YEAR = "{\"mode\": \"generalize\", \"to\": \"year\"}";
    private static final String MONTH = "{\"mode\": \"generalize\", \"to\": \"month\"}";
    private static final String DECADE = "{\"mode\": \"generalize\", \"bucket\": 10}";

    @Test
    void coarsensDatesAndDateTimesToTheYearOrMonth() throws StepFailure {
        assertThat(maskOne(YEAR, TextNode.valueOf("1990-05-17"))).isEqualTo(TextNode.valueOf("1990"));
        assertThat(maskOne(MONTH, TextNode.valueOf("1990-05-17"))).isEqualTo(TextNode.valueOf("1990-05"));
        assertThat(maskOne(YEAR, TextNode.valueOf("2026-11-20T08:00:00Z"))).isEqualTo(TextNode.valueOf("2026"));
        assertThat(maskOne(MONTH, TextNode.valueOf("1990-12-31T23:30:00-05:00"))).isEqualTo(TextNode.valueOf("1990-12"));
        assertThat(maskOne(MONTH, TextNode.valueOf("1990-12-31T23:30:00.123"))).isEqualTo(TextNode.valueOf("1990-12"));
        assertThat(maskOne(YEAR, TextNode.valueOf("1990-05"))).isEqualTo(TextNode.valueOf("1990"));
    }

    @Test
    void failsOnWhatIsNotAnIsoDateWithoutShowingIt() {
        for (String notADate : new String[] {"17/05/1990", "1990-02-30", "19900517", "1990-05-17 08:00", "soon", ""}) {
            assertThatThrownBy(() -> maskOne(YEAR, TextNode.valueOf(notADate))).isInstanceOf(StepFailure.class)
                    .hasMessage("mask rule 1 (generalize) at $.data.v: expected an ISO date (yyyy-mm-dd), date-time or"
                            + " year-month but found a string in another format");
        }
        assertThatThrownBy(() -> maskOne(YEAR, IntNode.valueOf(19900517))).isInstanceOf(StepFailure.class)
                .hasMessageEndingWith("expected an ISO date string but found a number");
    }

    @Test
    void putsNumbersInTheirRange() throws StepFailure {
        assertThat(maskOne(DECADE, IntNode.valueOf(37))).isEqualTo(TextNode.valueOf("30-39"));
        assertThat(maskOne(DECADE, IntNode.valueOf(30))).isEqualTo(TextNode.valueOf("30-39"));
        assertThat(maskOne(DECADE, IntNode.valueOf(0))).isEqualTo(TextNode.valueOf("0-9"));
        assertThat(maskOne(DECADE, DoubleNode.valueOf(39.99))).isEqualTo(TextNode.valueOf("30-39"));
        assertThat(maskOne(DECADE, IntNode.valueOf(-3))).isEqualTo(TextNode.valueOf("-10--1"));
        assertThat(maskOne(DECADE, TextNode.valueOf("37"))).isEqualTo(TextNode.valueOf("30-39"));
        assertThat(maskOne("{\"mode\": \"generalize\", \"bucket\": 1000}", IntNode.valueOf(36113)))
                .isEqualTo(TextNode.valueOf("36000-36999"));
        assertThat(maskOne("{\"mode\": \"generalize\", \"bucket\": 0.5}", DoubleNode.valueOf(1.3)))
                .isEqualTo(TextNode.valueOf("1.0-1.4"));
        assertThat(maskOne("{\"mode\": \"generalize\", \"bucket\": 10.0}", IntNode.valueOf(37)))
                .isEqualTo(TextNode.valueOf("30-39"));
    }

    @Test
    void failsOnWhatIsNotANumber() {
        assertThatThrownBy(() -> maskOne(DECADE, TextNode.valueOf("thirty"))).isInstanceOf(StepFailure.class)
                .hasMessageEndingWith("expected a number but found a string that is not a plain decimal number");
        assertThatThrownBy(() -> maskOne(DECADE, TextNode.valueOf("1e999999999"))).isInstanceOf(StepFailure.class);
    }

    @Test
    void putsRandomNumbersInARangeOfTheBucketsWidthThatHoldsThem() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            BigDecimal bucket = BigDecimal.valueOf(1 + random.nextInt(1000), random.nextInt(3)).stripTrailingZeros();
            BigDecimal value = BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, random.nextInt(4));
            String range = new MaskGeneralize(null, bucket).range(value);

            var bounds = java.util.regex.Pattern.compile("(-?[0-9.]+)-(-?[0-9.]+)").matcher(range);
            assertThat(bounds.matches()).as("%s for %s by %s", range, value, bucket).isTrue();
            BigDecimal lower = new BigDecimal(bounds.group(1));
            BigDecimal upper = new BigDecimal(bounds.group(2));
            BigDecimal step = BigDecimal.ONE.movePointLeft(Math.max(0, bucket.scale()));
            assertThat(lower.remainder(bucket).signum()).as("%s by %s", range, bucket).isZero();
            assertThat(upper.subtract(lower).add(step)).isEqualByComparingTo(bucket);
            assertThat(value).isGreaterThanOrEqualTo(lower).isLessThan(upper.add(step));
        }
    }

    @Test
    void keepsTheYearOfRandomDates() throws Masker.Unmaskable {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(2_900_000) - 719_000);
            assertThat(new MaskGeneralize("year", null).mask(TextNode.valueOf(date.toString()))).as("%s", date)
                    .isEqualTo(TextNode.valueOf("%04d".formatted(date.getYear())));
            assertThat(new MaskGeneralize("month", null).mask(TextNode.valueOf(date.atTime(8, 0) + "Z")))
                    .isEqualTo(TextNode.valueOf("%04d-%02d".formatted(date.getYear(), date.getMonthValue())));
        }
    }
}
