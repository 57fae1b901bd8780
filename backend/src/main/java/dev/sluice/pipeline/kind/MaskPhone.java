package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Masks the digits of a phone number except the first {@code keepFirst} and last {@code keepLast}, keeping
 * separators (space, {@code - . ( ) /}) and a leading country code: {@code 13812345678} becomes
 * {@code 138****5678}, {@code +86 138-1234-5678} becomes {@code +86 138-****-5678}. Length is kept.
 *
 * <p>A country code is a {@code +} and its digits followed by a separator; {@code +8613812345678} has none
 * that can be told apart, so its {@code +} is kept and all its digits count. Any digit (full-width too)
 * counts as a digit. When the kept digits would cover them all, every digit is masked. A value with other
 * characters (letters, {@code ext.}) or without digits is not a phone number and is masked whole.
 */
record MaskPhone(int keepFirst, int keepLast, int maskChar) implements Masker {

    static MaskPhone of(ObjectNode rule) {
        return new MaskPhone(rule.path("keepFirst").asInt(3), rule.path("keepLast").asInt(4), MaskMode.maskChar(rule));
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(mask(Masker.text(value)));
    }

    String mask(String text) {
        int[] codePoints = text.codePoints().toArray();
        int start = countryCodeEnd(codePoints);
        int digits = 0;
        for (int i = start; i < codePoints.length; i++) {
            if (Character.isDigit(codePoints[i])) {
                digits++;
            } else if (!isSeparator(codePoints[i])) {
                return Masker.maskAll(text, maskChar);
            }
        }
        if (digits == 0) {
            return Masker.maskAll(text, maskChar);
        }
        boolean reveal = (long) keepFirst + keepLast < digits;
        int first = reveal ? keepFirst : 0;
        int last = reveal ? keepLast : 0;
        StringBuilder masked = new StringBuilder(text.length());
        int digit = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (i >= start && Character.isDigit(c)) {
                masked.appendCodePoint(digit < first || digit >= digits - last ? c : maskChar);
                digit++;
            } else {
                masked.appendCodePoint(c);
            }
        }
        return masked.toString();
    }

    /** Where the number proper starts: after "+86" when a separator follows it, after a bare "+", else 0. */
    private static int countryCodeEnd(int[] codePoints) {
        if (codePoints.length == 0 || codePoints[0] != '+') {
            return 0;
        }
        int end = 1;
        while (end < codePoints.length && Character.isDigit(codePoints[end])) {
            end++;
        }
        return end > 1 && end < codePoints.length && isSeparator(codePoints[end]) ? end : 1;
    }

    private static boolean isSeparator(int c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }
}
