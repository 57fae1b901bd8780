package dev.sluice.flow;

import java.util.List;

/** A flow (or flow-bearing request) that cannot be accepted, with every problem found. */
public class InvalidFlowException extends RuntimeException {

    private final List<FlowProblem> problems;

    public InvalidFlowException(List<FlowProblem> problems) {
        super(problems.size() + " problem(s): " + problems.stream()
                .limit(5)
                .map(p -> p.path() + " " + p.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(""));
        this.problems = List.copyOf(problems);
    }

    public InvalidFlowException(String path, String message) {
        this(List.of(new FlowProblem(path, message)));
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
