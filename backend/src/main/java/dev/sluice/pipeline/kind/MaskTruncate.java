package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Keeps at most the first {@code maxLength} code points (a surrogate pair is never split). */
record MaskTruncate(int maxLength) implements Masker {

    static MaskTruncate of(ObjectNode rule) {
        return new MaskTruncate(rule.path("maxLength").asInt());
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(truncate(Masker.text(value)));
    }

    String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxLength));
    }
}
