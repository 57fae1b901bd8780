package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Masks the local part of an e-mail address and keeps its domain: {@code zhang.wei@example.com} becomes
 * {@code z***@example.com}. The local part always becomes the kept code points plus exactly three mask
 * characters, so its length is not revealed; when {@code keepFirst} would keep all of it, none is kept.
 * A value that is not an address (no single {@code @}, spaces, a domain without a dot...) is masked whole,
 * one mask character per code point.
 */
record MaskEmail(int keepFirst, int maskChar) implements Masker {

    private static final int HIDDEN = 3;

    static MaskEmail of(ObjectNode rule) {
        return new MaskEmail(rule.path("keepFirst").asInt(1), MaskMode.maskChar(rule));
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(mask(Masker.text(value)));
    }

    String mask(String text) {
        int at = text.indexOf('@');
        if (!isAddress(text, at)) {
            return Masker.maskAll(text, maskChar);
        }
        String local = text.substring(0, at);
        int keep = keepFirst < local.codePointCount(0, local.length()) ? keepFirst : 0;
        return local.substring(0, local.offsetByCodePoints(0, keep)) + Masker.repeat(maskChar, HIDDEN)
                + text.substring(at);
    }

    /** One {@code @}, a non-empty local part without spaces or controls, a domain of dot-separated labels. */
    static boolean isAddress(String text, int at) {
        if (at <= 0 || at != text.lastIndexOf('@') || at == text.length() - 1) {
            return false;
        }
        boolean visible = text.substring(0, at).codePoints()
                .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT);
        String domain = text.substring(at + 1);
        if (!visible || !domain.contains(".")) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || !label.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
