package dev.sluice.cloudevent;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * RFC 3986 URI references, checked by hand for the characters and shape every event's {@code source} must have
 * (it runs for every event the engine reads); an IP-literal host ({@code [...]}) is left to {@link URI}.
 */
final class UriReference {

    private static final String ALLOWED = "-._~!$&'()*+,;=:@/?#%";

    private UriReference() {
    }

    /** Null when {@code text} is a URI reference; otherwise the 0-based index of the first character at fault. */
    static Integer problemAt(String text) {
        if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
            try {
                new URI(text);
                return null;
            } catch (URISyntaxException e) {
                return Math.max(0, e.getIndex());
            }
        }
        boolean fragment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    return i;
                }
                i += 2;
            } else if (c == '#') {
                if (fragment) {
                    return i;
                }
                fragment = true;
            } else if (!isAlphanumeric(c) && ALLOWED.indexOf(c) < 0) {
                return i;
            }
        }
        int colon = schemeEnd(text);
        if (colon >= 0 && !isScheme(text, colon)) {
            // a first segment with ':' that is no scheme is not a relative reference either (RFC 3986 §4.2)
            return colon;
        }
        return null;
    }

    /** Whether {@code text} is a URI reference with a scheme (an absolute URI, a fragment allowed). */
    static boolean hasScheme(String text) {
        int colon = schemeEnd(text);
        return colon > 0 && isScheme(text, colon);
    }

    /** The index of a ':' before any '/', '?' or '#', or -1. */
    private static int schemeEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i;
            }
            if (c == '/' || c == '?' || c == '#') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isScheme(String text, int end) {
        if (end == 0 || !Character.isLetter(text.charAt(0)) || text.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
