package dev.sluice.target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FailureKind;

/**
 * A webhook URL or path with values from the event in braces, {@code /users/{$.data.userId}}. Each value is
 * percent-encoded as one path segment (a {@code /} in it stays inside the segment), and a value of {@code .} or
 * {@code ..} is refused, so an event can choose which resource but never leave the path the steward wrote.
 */
final class UrlTemplate {

    private final List<String> literals = new ArrayList<>();
    private final List<EventPath> values = new ArrayList<>();
    private final List<String> written = new ArrayList<>();

    private UrlTemplate() {
    }

    /**
     * @throws IllegalArgumentException naming the first placeholder that is unclosed or not a JSONPath to one value
     */
    static UrlTemplate parse(String text) {
        UrlTemplate template = new UrlTemplate();
        int from = 0;
        while (true) {
            int open = text.indexOf('{', from);
            if (open < 0) {
                template.literals.add(text.substring(from));
                return template;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("has a { without its }");
            }
            String path = text.substring(open + 1, close);
            EventPath compiled;
            try {
                compiled = EventPath.compile(path);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("{" + path + "}: " + e.getMessage());
            }
            if (!compiled.isDefinite()) {
                throw new IllegalArgumentException("{" + path + "} must name one value: no [*]");
            }
            template.literals.add(text.substring(from, open));
            template.values.add(compiled);
            template.written.add(path);
            from = close + 1;
        }
    }

    boolean hasValues() {
        return !values.isEmpty();
    }

    /** Where the first value goes, or -1: a URL's values must come after its host. */
    int firstValueAt() {
        return values.isEmpty() ? -1 : literals.getFirst().length();
    }

    /** The text with every value as a plain segment, for checking what the steward wrote around the values. */
    String skeleton() {
        return expand(path -> "x");
    }

    /**
     * @throws TargetFailure (permanent) when the event lacks a value or gives one that is not a plain value
     */
    String expand(ObjectNode event) {
        int[] index = {0};
        return expand(path -> segment(path.read(event), written.get(index[0]++)));
    }

    private String expand(java.util.function.Function<EventPath, String> value) {
        StringBuilder text = new StringBuilder(literals.getFirst());
        for (int i = 0; i < values.size(); i++) {
            text.append(value.apply(values.get(i))).append(literals.get(i + 1));
        }
        return text.toString();
    }

    private static String segment(JsonNode value, String path) {
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            throw new TargetFailure("the URL's {" + path + "} has no " + (value != null && value.isContainerNode()
                    ? "plain value (it is an object or list)" : "value") + " in this event", FailureKind.PERMANENT, null);
        }
        String text = value.asText();
        if (text.isEmpty() || text.equals(".") || text.equals("..")) {
            throw new TargetFailure("the URL's {" + path + "} is '" + text + "', which is not a path segment",
                    FailureKind.PERMANENT, null);
        }
        return encode(text);
    }

    /** Percent-encodes all but RFC 3986's unreserved characters. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
