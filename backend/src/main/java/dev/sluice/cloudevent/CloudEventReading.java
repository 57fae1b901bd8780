package dev.sluice.cloudevent;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowProblem;

/**
 * What reading a message gave: its events in the form Sluice stores them, or, when any part of it breaks a
 * rule, no event and every problem; warnings name what the specification advises against but allows.
 */
public record CloudEventReading(List<ObjectNode> events, List<FlowProblem> problems, List<FlowProblem> warnings) {

    public CloudEventReading {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    static CloudEventReading refused(List<FlowProblem> problems, List<FlowProblem> warnings) {
        return new CloudEventReading(List.of(), problems, warnings);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** Every problem on one line, for a dead letter's reason. */
    public String describeProblems() {
        return String.join("; ", problems.stream().map(p -> p.path() + " " + p.message()).toList());
    }
}
