package dev.sluice.flow.ui;

import java.util.List;

/**
 * A problem of one field of a node's config, as its form shows it.
 *
 * @param inside  the rest of the problem's path inside the field ({@code [1].keepLast}), empty for the field itself
 * @param message what is wrong
 */
record FieldProblem(String inside, String message) {

    /** The path inside the field, then the message. */
    String text() {
        return inside.isEmpty() ? message : inside + " " + message;
    }

    /** Several problems of one field in a line; null when there are none. */
    static String joined(List<FieldProblem> problems) {
        return problems.isEmpty() ? null
                : String.join("; ", problems.stream().map(FieldProblem::text).toList());
    }
}
