package dev.sluice.cloudevent;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * A media type as RFC 2046 and RFC 9110 write it ({@code type/subtype; name=value}), read for what CloudEvents
 * needs: whether the data it declares is JSON, text, or bytes. Type, subtype and parameter names compare
 * case-insensitively.
 */
record MediaType(String type, String subtype, String charsetName) {

    /** RFC 9110 token characters besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** The media type {@code text} declares, or empty when it is not one. */
    static Optional<MediaType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        int semicolon = text.indexOf(';');
        int end = semicolon < 0 ? text.length() : semicolon;
        if (slash < 0 || slash > end) {
            return Optional.empty();
        }
        String type = text.substring(0, slash).trim();
        String subtype = text.substring(slash + 1, end).trim();
        if (!isToken(type) || !isToken(subtype)) {
            return Optional.empty();
        }
        String charset = null;
        int at = end;
        while (at < text.length()) {
            int next = nextParameter(text, at + 1);
            if (next == -1) {
                return Optional.empty();
            }
            String parameter = text.substring(at + 1, next).trim();
            int equals = parameter.indexOf('=');
            if (equals <= 0 || !isToken(parameter.substring(0, equals).trim())) {
                return Optional.empty();
            }
            String value = parameter.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            } else if (!isToken(value)) {
                return Optional.empty();
            }
            if (parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                charset = value;
            }
            at = next;
        }
        return Optional.of(new MediaType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), charset));
    }

    /** A subtype of {@code json}, or one ending in {@code +json} (JSON format §3.1.1). */
    boolean isJson() {
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    /** Data that is characters: {@code text/*}, XML, and the other textual application types. */
    boolean isText() {
        return type.equals("text") || subtype.equals("xml") || subtype.endsWith("+xml")
                || (type.equals("application") && switch (subtype) {
                    case "javascript", "ecmascript", "x-www-form-urlencoded", "yaml", "x-yaml", "toml", "csv",
                         "x-ndjson", "graphql" -> true;
                    default -> false;
                });
    }

    /** The declared charset, or empty when none is declared or Java does not know it. */
    Optional<Charset> charset() {
        if (charsetName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(charsetName));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** Where the parameter starting at {@code from} ends: the next {@code ;} outside quotes, or the end; -1 if a quote is open. */
    private static int nextParameter(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return quoted ? -1 : text.length();
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
