package dev.sluice.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while validating, each with its full JSON path. {@link #at(String)} gives a view
 * rooted deeper in the document, so a node kind reports {@code "rules[0].mode"} and the flow sees
 * {@code $.nodes[3].config.rules[0].mode}. Not thread-safe.
 */
public final class Problems {

    private final List<FlowProblem> found;
    private final String base;

    public Problems() {
        this(new ArrayList<>(), "$");
    }

    private Problems(List<FlowProblem> found, String base) {
        this.found = found;
        this.base = base;
    }

    /** A view whose paths start at {@code base + suffix}; suffix like {@code .config} or {@code [2]}. */
    public Problems at(String suffix) {
        return new Problems(found, base + suffix);
    }

    /** A problem at this view's root. */
    public void add(String message) {
        found.add(new FlowProblem(base, message));
    }

    /** A problem below this view's root; {@code relativePath} like {@code .rules[0].mode} or {@code [1]}. */
    public void add(String relativePath, String message) {
        found.add(new FlowProblem(base + relativePath, message));
    }

    public String path() {
        return base;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    public List<FlowProblem> all() {
        return List.copyOf(found);
    }

    /** Throws {@link InvalidFlowException} with every problem, if there is any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidFlowException(found);
        }
    }

    /** {@code .name} for plain keys, {@code ['odd key']} otherwise, as JSONPath writes them. */
    public static String key(String name) {
        return isPlainKey(name) ? "." + name : "['" + name.replace("'", "\\'") + "']";
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}, by hand: this runs for every field of every event a path visits. */
    private static boolean isPlainKey(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
