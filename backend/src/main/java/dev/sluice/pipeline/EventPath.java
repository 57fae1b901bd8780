package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSONPath into a CloudEvent, compiled once: {@code $} then {@code .name}, {@code ['any name']},
 * {@code [3]}, {@code [*]} or {@code .*} segments. Filters, slices, unions and deep scan are refused at
 * compile time with the position of the problem, because node configs must mean one exact thing.
 * Immutable and thread-safe.
 */
public final class EventPath {

    private final String expression;
    private final List<Segment> segments;
    private final boolean definite;

    private EventPath(String expression, List<Segment> segments) {
        this.expression = expression;
        this.segments = List.copyOf(segments);
        this.definite = segments.stream().noneMatch(s -> s instanceof Wildcard);
    }

    /** @throws IllegalArgumentException saying what is wrong and where */
    public static EventPath compile(String expression) {
        return new EventPath(expression, Parser.parse(expression));
    }

    public String expression() {
        return expression;
    }

    /** True when the path names at most one location (no wildcard). */
    public boolean isDefinite() {
        return definite;
    }

    /** True when the path points into {@code data} ({@code $.data...}), false for attributes. */
    public boolean isUnderData() {
        return !segments.isEmpty() && segments.get(0) instanceof Field(String name) && name.equals("data");
    }

    /** True for {@code $} itself. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The present locations the path matches in {@code root}; empty when nothing is there. */
    public List<Location> locate(JsonNode root) {
        List<Location> found = new ArrayList<>();
        if (segments.isEmpty()) {
            return found;
        }
        walk(root, 0, new StringBuilder("$"), found);
        return found;
    }

    /** The value at a definite path, or {@code null} when absent. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (Segment segment : segments) {
            node = switch (segment) {
                case Field(String name) -> node.isObject() ? node.get(name) : null;
                case Index(int index) -> node.isArray() ? node.get(index) : null;
                case Wildcard() -> throw new IllegalStateException(expression + " is not a definite path");
            };
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * Writes {@code value} at this definite path, creating missing objects and arrays on the way. An array
     * index may name an element that is there or the one just past the end (appending), never further: a
     * gap would need nulls to fill it, as many as the index says.
     *
     * @return false, leaving {@code root} as it was, when something on the way is a value of another type (a
     *         string where an object is needed, an object where the path has an index) or an index is past the
     *         end of its array
     */
    public boolean write(ObjectNode root, JsonNode value) {
        if (segments.isEmpty() || !definite) {
            throw new IllegalStateException(expression + " cannot be written: it is the root or not definite");
        }
        int last = segments.size() - 1;
        JsonNode node = root;
        int at = 0;
        for (; at < last; at++) {
            JsonNode child = childOf(node, segments.get(at));
            if (child == null || child.isNull()) {
                break;
            }
            if (!child.isContainerNode() || (segments.get(at + 1) instanceof Index) != child.isArray()) {
                return false;
            }
            node = child;
        }
        // What is missing below segments[at] is built apart and attached last, so a refusal changes nothing.
        JsonNode branch = value;
        for (int i = last; i > at; i--) {
            branch = switch (segments.get(i)) {
                case Field(String name) -> JsonNodeFactory.instance.objectNode().set(name, branch);
                case Index(int index) when index == 0 -> JsonNodeFactory.instance.arrayNode().add(branch);
                default -> null;
            };
            if (branch == null) {
                return false;
            }
        }
        return putChild(node, segments.get(at), branch);
    }

    /** Removes every location the path matches; array elements from the last, so indexes stay right. */
    public void removeAll(JsonNode root) {
        List<Location> locations = locate(root);
        for (int i = locations.size() - 1; i >= 0; i--) {
            locations.get(i).remove();
        }
    }

    @Override
    public String toString() {
        return expression;
    }

    private void walk(JsonNode node, int depth, StringBuilder concrete, List<Location> found) {
        Segment segment = segments.get(depth);
        boolean last = depth == segments.size() - 1;
        switch (segment) {
            case Field(String name) -> {
                if (node.isObject() && node.has(name)) {
                    step(node, name, -1, concrete.length(), concrete.append(Field.render(name)), depth, last, found);
                }
            }
            case Index(int index) -> {
                if (node.isArray() && index < node.size()) {
                    step(node, null, index, concrete.length(), concrete.append('[').append(index).append(']'), depth,
                            last, found);
                }
            }
            case Wildcard() -> {
                if (node.isObject()) {
                    List<String> names = new ArrayList<>();
                    node.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        step(node, name, -1, concrete.length(), concrete.append(Field.render(name)), depth, last, found);
                    }
                } else if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        step(node, null, i, concrete.length(), concrete.append('[').append(i).append(']'), depth, last,
                                found);
                    }
                }
            }
        }
    }

    private void step(JsonNode parent, String field, int index, int mark, StringBuilder concrete, int depth,
                      boolean last, List<Location> found) {
        if (last) {
            found.add(new Location((ContainerNode<?>) parent, field, index, concrete.toString()));
        } else {
            JsonNode child = field != null ? parent.get(field) : parent.get(index);
            walk(child, depth + 1, concrete, found);
        }
        concrete.setLength(mark);
    }

    private static JsonNode childOf(JsonNode node, Segment segment) {
        return switch (segment) {
            case Field(String name) -> node.isObject() ? node.get(name) : null;
            case Index(int index) -> node.isArray() ? node.get(index) : null;
            case Wildcard() -> null;
        };
    }

    private static boolean putChild(JsonNode node, Segment segment, JsonNode value) {
        if (segment instanceof Field(String name) && node instanceof ObjectNode object) {
            object.set(name, value);
            return true;
        }
        if (segment instanceof Index(int index) && node instanceof ArrayNode array && index <= array.size()) {
            if (index < array.size()) {
                array.set(index, value);
            } else {
                array.add(value);
            }
            return true;
        }
        return false;
    }

    /**
     * One present location: its container, the field name or array index in it, and the concrete path
     * ({@code $.data.contacts[1].phone}) for messages.
     */
    public record Location(ContainerNode<?> parent, String field, int index, String path) {

        public JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        public void replace(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        public void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    sealed interface Segment permits Field, Index, Wildcard {
    }

    record Field(String name) implements Segment {
        static String render(String name) {
            return dev.sluice.flow.Problems.key(name);
        }
    }

    record Index(int index) implements Segment {
    }

    record Wildcard() implements Segment {
    }

    private static final class Parser {
        private final String text;
        private int at;

        private Parser(String text) {
            this.text = text;
        }

        static List<Segment> parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a JSONPath is required, e.g. $.data.email");
            }
            return new Parser(text.strip()).segments();
        }

        private List<Segment> segments() {
            if (text.charAt(0) != '$') {
                throw error("must start with $ (the event), e.g. $.data.email");
            }
            at = 1;
            List<Segment> segments = new ArrayList<>();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '.') {
                    at++;
                    if (at < text.length() && text.charAt(at) == '.') {
                        throw error("deep scan (..) is not supported: name the path exactly or use [*]");
                    }
                    if (at < text.length() && text.charAt(at) == '*') {
                        at++;
                        segments.add(new Wildcard());
                    } else {
                        segments.add(new Field(name()));
                    }
                } else if (c == '[') {
                    segments.add(bracket());
                } else {
                    throw error("expected . or [ but found '" + c + "'");
                }
            }
            return segments;
        }

        private String name() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                    || text.charAt(at) == '-' || text.charAt(at) == '$')) {
                at++;
            }
            if (start == at) {
                throw error("a field name is expected after '.'");
            }
            return text.substring(start, at);
        }

        private Segment bracket() {
            at++;
            if (at >= text.length()) {
                throw error("unclosed [");
            }
            char c = text.charAt(at);
            Segment segment;
            if (c == '*') {
                at++;
                segment = new Wildcard();
            } else if (c == '\'' || c == '"') {
                segment = new Field(quoted(c));
            } else if (isAsciiDigit(c)) {
                int start = at;
                while (at < text.length() && isAsciiDigit(text.charAt(at))) {
                    at++;
                }
                try {
                    segment = new Index(Integer.parseInt(text.substring(start, at)));
                } catch (NumberFormatException e) {
                    throw error("array index too large");
                }
            } else if (c == '?') {
                throw error("filters ([?(...)]) are not supported: use a filter node before this one");
            } else if (c == '-') {
                throw error("negative array indexes are not supported");
            } else if (c == ':') {
                throw error("unions and slices are not supported: one name, index or * per [ ]");
            } else {
                throw error("expected a quoted name, an index or * inside [ ]");
            }
            if (at >= text.length() || text.charAt(at) != ']') {
                if (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == ':')) {
                    throw error("unions and slices are not supported: one name, index or * per [ ]");
                }
                throw error("expected ]");
            }
            at++;
            return segment;
        }

        // Character.isDigit takes any script's digits, which Integer.parseInt then reads as an index.
        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private String quoted(char quote) {
            StringBuilder name = new StringBuilder();
            at++;
            while (at < text.length() && text.charAt(at) != quote) {
                if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                    at++;
                }
                name.append(text.charAt(at++));
            }
            if (at >= text.length()) {
                throw error("unclosed quote");
            }
            at++;
            return name.toString();
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("invalid JSONPath '" + text + "' at position " + (at + 1) + ": " + message);
        }
    }
}
