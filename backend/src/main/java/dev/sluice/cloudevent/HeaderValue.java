package dev.sluice.cloudevent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an HTTP header value into the attribute value it carries, as the CloudEvents HTTP binding §3.1.3.2
 * says: first unescape double-quoted strings (RFC 9110 §5.6.4, backslash escapes included), then one round of
 * percent-decoding, where upper- and lower-case hex are accepted and byte sequences that are not UTF-8 are
 * refused. Bytes sent unencoded above ASCII are read as UTF-8 too.
 */
final class HeaderValue {

    private HeaderValue() {
    }

    /** The decoded value. @throws IllegalArgumentException saying what is wrong, for the caller's message */
    static String decode(String raw) {
        return percentDecode(unquote(raw));
    }

    private static String unquote(String raw) {
        if (raw.indexOf('"') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '\\') {
                if (i + 1 == raw.length()) {
                    throw new IllegalArgumentException("ends inside a quoted string");
                }
                out.append(raw.charAt(++i));
            } else {
                out.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("has a quoted string that is not closed");
        }
        return out.toString();
    }

    private static String percentDecode(String text) {
        if (text.chars().allMatch(c -> c != '%' && c < 0x80)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("has a % that is not followed by two hex digits (write % as %25)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c <= 0xFF) {
                // servlet containers read header bytes as ISO-8859-1, so a char up to U+00FF is the byte sent
                bytes.write(c);
            } else {
                byte[] character = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(character, 0, character.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-decodes to bytes that are not UTF-8");
        }
    }
}
