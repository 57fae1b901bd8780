package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Keeps the first {@code keepFirst} and last {@code keepLast} code points and masks the rest, one mask
 * character per code point, so the length is kept. When the kept parts would cover the whole value, all of
 * it is masked: a short value is never revealed whole.
 */
record MaskPartial(int keepFirst, int keepLast, int maskChar) implements Masker {

    static MaskPartial of(ObjectNode rule) {
        return new MaskPartial(rule.path("keepFirst").asInt(0), rule.path("keepLast").asInt(0),
                MaskMode.maskChar(rule));
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(mask(Masker.text(value)));
    }

    String mask(String text) {
        int[] codePoints = text.codePoints().toArray();
        int length = codePoints.length;
        boolean reveal = (long) keepFirst + keepLast < length;
        int first = reveal ? keepFirst : 0;
        int last = reveal ? keepLast : 0;
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < length; i++) {
            masked.appendCodePoint(i < first || i >= length - last ? codePoints[i] : maskChar);
        }
        return masked.toString();
    }
}
