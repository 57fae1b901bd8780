package dev.sluice.pipeline.kind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Coarsens a value, with exactly one of {@code to} or {@code bucket}; the result is always a string.
 *
 * <ul>
 * <li>{@code to: "year" | "month"}: an ISO date ({@code 1990-05-17}), date-time ({@code 1990-05-17T08:00:00Z},
 * with or without offset) or year-month ({@code 1990-05}) becomes {@code "1990"} or {@code "1990-05"}, read
 * as written (no time-zone shift). Anything else fails the event: there is no safe guess.</li>
 * <li>{@code bucket: b}: a number (or a string holding a plain decimal) becomes the range of width {@code b}
 * that holds it, counted from 0 and rounded down: 37 with 10 gives {@code "30-39"}, -3 gives {@code "-10--1"},
 * 37.5 gives {@code "30-39"}. Both ends are inclusive at the bucket's precision: with 0.5, 1.3 gives
 * {@code "1.0-1.4"}.</li>
 * </ul>
 */
record MaskGeneralize(String to, BigDecimal bucket) implements Masker {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,99})(\\.[0-9]{1,100})?");

    static MaskGeneralize of(ObjectNode rule) {
        JsonNode bucket = rule.get("bucket");
        return new MaskGeneralize(rule.hasNonNull("to") ? rule.get("to").asText() : null,
                bucket != null && bucket.isNumber() ? bucket.decimalValue().stripTrailingZeros() : null);
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(to != null ? date(value) : range(number(value)));
    }

    private String date(JsonNode value) throws Unmaskable {
        if (!value.isTextual()) {
            throw Unmaskable.expected("an ISO date string", value);
        }
        TemporalAccessor parsed = parseDate(value.textValue());
        int year = parsed.get(ChronoField.YEAR);
        return "month".equals(to) ? String.format(Locale.ROOT, "%04d-%02d", year, parsed.get(ChronoField.MONTH_OF_YEAR))
                : String.format(Locale.ROOT, "%04d", year);
    }

    private static TemporalAccessor parseDate(String text) throws Unmaskable {
        try {
            if (text.length() == 7) {
                return YearMonth.parse(text);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            if (text.length() > 10 && text.charAt(10) == 'T') {
                return DateTimeFormatter.ISO_DATE_TIME.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below, without the text
        }
        throw new Unmaskable("expected an ISO date (yyyy-mm-dd), date-time or year-month but found a string"
                + " in another format");
    }

    private static BigDecimal number(JsonNode value) throws Unmaskable {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && PLAIN_DECIMAL.matcher(value.textValue()).matches()) {
            return new BigDecimal(value.textValue());
        }
        throw value.isTextual()
                ? new Unmaskable("expected a number but found a string that is not a plain decimal number")
                : Unmaskable.expected("a number", value);
    }

    String range(BigDecimal number) {
        int scale = Math.max(0, bucket.scale());
        BigDecimal lower = number.divide(bucket, 0, RoundingMode.FLOOR).multiply(bucket).setScale(scale);
        BigDecimal upper = lower.add(bucket).subtract(BigDecimal.ONE.movePointLeft(scale));
        return lower.toPlainString() + "-" + upper.toPlainString();
    }
}
