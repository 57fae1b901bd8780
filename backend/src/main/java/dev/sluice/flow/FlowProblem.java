package dev.sluice.flow;

/**
 * One thing wrong with a flow or a request, and where: a JSONPath into the document
 * ({@code $.nodes[2].config.rules[0].mode}).
 */
public record FlowProblem(String path, String message) implements Comparable<FlowProblem> {

    @Override
    public int compareTo(FlowProblem other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }
}
