package dev.sluice.sandbox;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.json.Json;

/**
 * How many characters {@link Json#MAPPER} writes for a tree, counted without writing it: a script's output is
 * measured against its limit on every event, and writing the event only to count it cost a quarter of a small
 * script's whole run. Strings are counted with Jackson's default escapes; the rare nodes whose text is not
 * obvious (big numbers, floats, binary) are written and measured.
 */
final class JsonLength {

    /** The most characters Jackson writes for one character of a string: a control character as {@code \u001F}. */
    private static final int MOST_PER_CHAR = 6;
    /** The longest text of a long ({@code -9223372036854775808}) or a double ({@code -2.2250738585072014E-308}). */
    private static final int LONGEST_NUMBER = 24;

    private JsonLength() {
    }

    /**
     * The length of the tree's JSON when it is over {@code limit}, else any number up to {@code limit}: without
     * reading a string's characters, unless the tree may be over the limit.
     */
    static long over(JsonNode node, long limit) {
        return atMost(node) <= limit ? 0 : of(node);
    }

    /** At least the length of the tree's JSON, from the number of characters in its strings. */
    private static long atMost(JsonNode node) {
        if (node instanceof ObjectNode object) {
            long length = 2L + object.size();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                length += 2L + (long) MOST_PER_CHAR * member.getKey().length() + atMost(member.getValue());
            }
            return length;
        }
        if (node instanceof ArrayNode array) {
            long length = 2L + array.size();
            for (JsonNode element : array) {
                length += atMost(element);
            }
            return length;
        }
        if (node.isTextual()) {
            return 2L + (long) MOST_PER_CHAR * node.textValue().length();
        }
        if (node.isNull() || node.isBoolean() || node instanceof IntNode || node instanceof LongNode
                || node instanceof DoubleNode) {
            return LONGEST_NUMBER;
        }
        return of(node);
    }

    /**
     * At least the length of the tree's JSON, exactly but for a string's escapes: a string is not read character by
     * character.
     */
    static long atLeast(JsonNode node) {
        return node.isTextual() ? 2L + node.textValue().length() : of(node);
    }

    /** The length of the tree's JSON as {@link Json#MAPPER} writes it. */
    static long of(JsonNode node) {
        if (node instanceof ObjectNode object) {
            long length = 2 + Math.max(0, object.size() - 1); // braces and commas
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                length += string(member.getKey()) + 1 + of(member.getValue());
            }
            return length;
        }
        if (node instanceof ArrayNode array) {
            long length = 2 + Math.max(0, array.size() - 1);
            for (JsonNode element : array) {
                length += of(element);
            }
            return length;
        }
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isNull()) {
            return 4;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 4 : 5;
        }
        if (node instanceof IntNode number) {
            return digits(number.intValue());
        }
        if (node instanceof LongNode number) {
            return Long.toString(number.longValue()).length();
        }
        if (node instanceof DoubleNode number && Double.isFinite(number.doubleValue())) {
            return Double.toString(number.doubleValue()).length();
        }
        try {
            return Json.MAPPER.writeValueAsString(node).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that Jackson cannot write: " + e.getOriginalMessage(), e);
        }
    }

    /** A string with its quotes: {@code "} and {@code \} take two characters, control characters two or six. */
    static long string(String text) {
        long length = 2 + text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                length += c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 1 : 5;
            } else if (c == '"' || c == '\\') {
                length += 1;
            }
        }
        return length;
    }

    private static int digits(int value) {
        if (value == Integer.MIN_VALUE) {
            return 11;
        }
        int sign = value < 0 ? 1 : 0;
        int magnitude = Math.abs(value);
        int digits = 1;
        while (magnitude >= 10) {
            magnitude /= 10;
            digits++;
        }
        return sign + digits;
    }
}
