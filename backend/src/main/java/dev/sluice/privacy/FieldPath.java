package dev.sluice.privacy;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.EventPath;

/**
 * A JSONPath as the guard reasons about it: a list of segments, each a field name, an array index or a wildcard.
 * "May reach" relations are generous (a wildcard may be any index) and "covers" relations strict, so that every
 * doubt keeps a tagged value alive. Immutable.
 */
record FieldPath(List<Object> segments) {

    /** The wildcard segment ({@code [*]} or {@code .*}). */
    static final Object ANY = new Object() {
        @Override
        public String toString() {
            return "[*]";
        }
    };

    static final FieldPath DATA = new FieldPath(List.of("data"));

    FieldPath {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException when the expression is not a path the flow language accepts */
    static FieldPath parse(String expression) {
        EventPath.compile(expression);
        String text = expression.strip();
        List<Object> segments = new ArrayList<>();
        int at = 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.' && text.startsWith(".*", at)) {
                segments.add(ANY);
                at += 2;
            } else if (c == '.') {
                int end = at + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                segments.add(text.substring(at + 1, end));
                at = end;
            } else if (text.startsWith("[*]", at)) {
                segments.add(ANY);
                at += 3;
            } else if (text.charAt(at + 1) == '\'' || text.charAt(at + 1) == '"') {
                char quote = text.charAt(at + 1);
                StringBuilder name = new StringBuilder();
                at += 2;
                while (text.charAt(at) != quote) {
                    if (text.charAt(at) == '\\') {
                        at++;
                    }
                    name.append(text.charAt(at++));
                }
                segments.add(name.toString());
                at += 2;
            } else {
                int end = text.indexOf(']', at);
                segments.add(Integer.parseInt(text.substring(at + 1, end)));
                at = end + 1;
            }
        }
        return new FieldPath(segments);
    }

    int size() {
        return segments.size();
    }

    boolean isUnderData() {
        return !segments.isEmpty() && "data".equals(segments.getFirst());
    }

    /** True when a location of this path may be {@code other}'s location or an ancestor of it. */
    boolean mayReach(FieldPath other) {
        if (size() > other.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!compatible(segments.get(i), other.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when every location of {@code other} is at or below a location of this path. */
    boolean covers(FieldPath other) {
        if (size() > other.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            Object mine = segments.get(i);
            if (mine != ANY && !mine.equals(other.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when this path's segments are exactly {@code other}'s first ones, wildcards included. */
    boolean isPrefixOf(FieldPath other) {
        return size() <= other.size() && other.segments.subList(0, size()).equals(segments);
    }

    /** {@code to} followed by what comes after this path's first {@code prefix} segments. */
    FieldPath rebase(int prefix, FieldPath to) {
        List<Object> moved = new ArrayList<>(to.segments);
        moved.addAll(segments.subList(prefix, size()));
        return new FieldPath(moved);
    }

    /**
     * Where two paths that may reach each other meet: the longer one, with each of its wildcards replaced by the
     * other's name or index at that position ({@code $.data.a[*].b} and {@code $.data.a[0]} meet at
     * {@code $.data.a[0].b}).
     */
    FieldPath meet(FieldPath other) {
        FieldPath longer = size() >= other.size() ? this : other;
        FieldPath shorter = longer == this ? other : this;
        List<Object> merged = new ArrayList<>(longer.segments);
        for (int i = 0; i < shorter.size(); i++) {
            if (merged.get(i) == ANY) {
                merged.set(i, shorter.segments.get(i));
            }
        }
        return new FieldPath(merged);
    }

    /**
     * After an element is removed from the array this path ends in, later elements shift down: a tagged value at a
     * definite index of that array may now be at any index.
     */
    FieldPath afterRemovalAt(FieldPath removed) {
        int position = removed.size() - 1;
        if (position < 0 || !(removed.segments.get(position) instanceof Integer || removed.segments.get(position) == ANY)
                || size() <= position || !(segments.get(position) instanceof Integer)) {
            return this;
        }
        if (!new FieldPath(removed.segments.subList(0, position)).mayReach(this)) {
            return this;
        }
        List<Object> shifted = new ArrayList<>(segments);
        shifted.set(position, ANY);
        return new FieldPath(shifted);
    }

    private static boolean compatible(Object a, Object b) {
        if (a == ANY || b == ANY) {
            return true;
        }
        return a.equals(b);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("$");
        for (Object segment : segments) {
            if (segment == ANY) {
                text.append("[*]");
            } else if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(Problems.key((String) segment));
            }
        }
        return text.toString();
    }
}
