package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * How one mask rule turns a present value into its masked form. Implementations are immutable and
 * thread-safe, never change the value they are given, and never put a value into an exception message.
 *
 * <p>The string modes take strings; numbers and booleans are taken by their JSON text ({@code 36113} as
 * {@code "36113"}) and come out as strings; a JSON null is left as it is (there is nothing to hide); an
 * object or an array is refused with {@link Unmaskable}, which fails the whole event.
 */
sealed interface Masker permits Masker.Redact, Masker.Nullify, Masker.Remove, MaskPartial, MaskEmail, MaskPhone,
        MaskHash, MaskTruncate, MaskGeneralize, MaskRegexReplace {

    JsonNode mask(JsonNode value) throws Unmaskable;

    /** Whether a JSON null stays null rather than going through {@link #mask}. */
    default boolean keepsNull() {
        return true;
    }

    /** Replaces any value, null, objects and arrays included, with a fixed text. */
    record Redact(String replacement) implements Masker {
        @Override
        public JsonNode mask(JsonNode value) {
            return TextNode.valueOf(replacement);
        }

        @Override
        public boolean keepsNull() {
            return false;
        }
    }

    /** Replaces any value with JSON null. */
    record Nullify() implements Masker {
        @Override
        public JsonNode mask(JsonNode value) {
            return NullNode.instance;
        }
    }

    /** Removes the field or array element; applied by the rule with {@code EventPath.removeAll}, not per value. */
    record Remove() implements Masker {
        @Override
        public JsonNode mask(JsonNode value) {
            throw new UnsupportedOperationException("remove is applied to the path, not to a value");
        }
    }

    /** The text a string mode works on: a string as is, a number or boolean as its JSON text. */
    static String text(JsonNode value) throws Unmaskable {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        throw Unmaskable.expected("a string", value);
    }

    /** {@code codePoint} {@code count} times. */
    static String repeat(int codePoint, int count) {
        return Character.toString(codePoint).repeat(count);
    }

    /** Every code point of {@code text} replaced by {@code maskChar}: length kept, nothing revealed. */
    static String maskAll(String text, int maskChar) {
        return repeat(maskChar, text.codePointCount(0, text.length()));
    }

    /** "an object", "a number": the JSON type of a value, for messages that must not show the value. */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case BINARY -> "binary data";
            case NULL, MISSING -> "null";
        };
    }

    /** A value this mode cannot mask. The message names types and formats only, never the value. */
    final class Unmaskable extends Exception {

        Unmaskable(String message) {
            super(message, null, false, false);
        }

        static Unmaskable expected(String what, JsonNode found) {
            return new Unmaskable("expected " + what + " but found " + describe(found));
        }
    }
}
