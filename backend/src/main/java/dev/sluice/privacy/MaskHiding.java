package dev.sluice.privacy;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which mask rules hide a value of which tag, so that a workspace cleared for {@code masked} may receive it.
 *
 * <ul>
 *   <li>{@code redact}, {@code nullify}, {@code remove}: hide anything (the value is gone; the guard drops it);</li>
 *   <li>{@code hash}: hides anything, as a keyed pseudonym (still personal data: not for {@code none});</li>
 *   <li>{@code partial}: for the tags below, when it keeps at most their first and last characters
 *       (bank-account 6 and 4, as JR/T 0171 and PCI DSS allow on display; phone 3 and 4; national-id 1 and 1, so
 *       neither region nor birth date shows; name 1 and 0; email 1 and 0; address 6 and 0, province and city;
 *       birth-date 4 and 0, the year);</li>
 *   <li>{@code truncate}: when maxLength is at most the same "first" limit;</li>
 *   <li>{@code phone}: for phone, keepFirst ≤ 3 and keepLast ≤ 4 (its defaults);</li>
 *   <li>{@code email}: for email, keepFirst ≤ 1 (its default);</li>
 *   <li>{@code generalize}: for birth-date, to year;</li>
 *   <li>{@code regex-replace}: never, since what it replaces depends on the pattern; custom tags are hidden only
 *       by redact, nullify, remove and hash.</li>
 * </ul>
 */
public final class MaskHiding {

    private record Keep(int first, int last) {
    }

    private static final Map<String, Keep> PARTIAL_LIMITS = Map.of(
            PiiTags.BANK_ACCOUNT, new Keep(6, 4),
            PiiTags.PHONE, new Keep(3, 4),
            PiiTags.NATIONAL_ID, new Keep(1, 1),
            PiiTags.NAME, new Keep(1, 0),
            PiiTags.EMAIL, new Keep(1, 0),
            PiiTags.ADDRESS, new Keep(6, 0),
            PiiTags.BIRTH_DATE, new Keep(4, 0));

    private MaskHiding() {
    }

    /** True for the modes after which no value is left at the path. */
    public static boolean removes(String mode) {
        return mode.equals("redact") || mode.equals("nullify") || mode.equals("remove");
    }

    /** True when a mask rule ({@code {"path", "mode", options}}) hides a value tagged {@code tag}. */
    public static boolean hides(String tag, JsonNode rule) {
        String mode = rule.path("mode").asText();
        if (removes(mode) || mode.equals("hash")) {
            return true;
        }
        Keep limit = PARTIAL_LIMITS.get(tag);
        return switch (mode) {
            case "partial" -> limit != null && rule.path("keepFirst").asInt(0) <= limit.first()
                    && rule.path("keepLast").asInt(0) <= limit.last();
            case "truncate" -> limit != null && rule.path("maxLength").asLong(Long.MAX_VALUE) <= limit.first();
            case "phone" -> tag.equals(PiiTags.PHONE) && rule.path("keepFirst").asInt(3) <= 3
                    && rule.path("keepLast").asInt(4) <= 4;
            case "email" -> tag.equals(PiiTags.EMAIL) && rule.path("keepFirst").asInt(1) <= 1;
            case "generalize" -> tag.equals(PiiTags.BIRTH_DATE) && rule.path("to").asText().equals("year");
            default -> false;
        };
    }
}
