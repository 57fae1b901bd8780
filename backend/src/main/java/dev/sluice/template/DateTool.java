package dev.sluice.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * {@code $date}: formats event times. Values are ISO-8601 texts ({@code 2026-11-20T08:02:00Z},
 * {@code 2026-11-20}) or epoch milliseconds; patterns are {@link DateTimeFormatter} patterns.
 */
public final class DateTool implements Toolbox {

    /** {@code $date.format('yyyy-MM-dd HH:mm', $time)} in UTC; a missing value gives null. */
    public String format(String pattern, Object value) {
        return format(pattern, value, "UTC");
    }

    /** {@code $date.format('yyyy-MM-dd HH:mm', $time, 'Asia/Shanghai')}. */
    public String format(String pattern, Object value, String zone) {
        if (value == null) {
            return null;
        }
        DateTimeFormatter formatter;
        ZoneId zoneId;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            zoneId = ZoneId.of(zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ToolFailure("$date.format has an invalid pattern or time zone: " + e.getMessage());
        }
        try {
            TemporalAccessor time = parse(value);
            return time instanceof LocalDate date ? formatter.format(date)
                    : formatter.format(((Instant) time).atZone(zoneId));
        } catch (DateTimeException e) {
            throw new ToolFailure("$date.format got a value that is not an ISO-8601 date or time nor epoch "
                    + "milliseconds, or a pattern that does not fit it");
        }
    }

    /** The value as an ISO-8601 instant in UTC ({@code 2026-11-20T08:02:00Z}). */
    public String iso(Object value) {
        return value == null ? null : format("yyyy-MM-dd'T'HH:mm:ss[.SSS]'Z'", value);
    }

    private static TemporalAccessor parse(Object value) {
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        String text = value.toString();
        if (text.length() == 10) {
            return LocalDate.parse(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
