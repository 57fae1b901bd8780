package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowTest;

/** Runs a flow's stored tests on its compiled pipeline: the same code the engine runs. */
public final class FlowTestRunner {

    private FlowTestRunner() {
    }

    public static List<Result> run(Pipeline pipeline) {
        List<Result> results = new ArrayList<>();
        for (FlowTest test : pipeline.flow().tests()) {
            results.add(run(pipeline, test));
        }
        return results;
    }

    static Result run(Pipeline pipeline, FlowTest test) {
        EventTrace trace = pipeline.trace(test.input());
        List<String> failures = new ArrayList<>();
        if (trace.failedAt() != null) {
            String error = trace.steps().get(trace.steps().size() - 1).error();
            failures.add("the event failed at node '" + trace.failedAt() + "': " + error);
        }
        for (Map.Entry<String, List<JsonNode>> expected : test.expect().entrySet()) {
            List<ObjectNode> actual = trace.targets().getOrDefault(expected.getKey(), List.of());
            String at = "$.expect" + dev.sluice.flow.Problems.key(expected.getKey());
            if (actual.size() != expected.getValue().size()) {
                failures.add(at + ": expected " + expected.getValue().size() + " event(s) but the target received "
                        + actual.size());
                continue;
            }
            for (int i = 0; i < actual.size(); i++) {
                JsonSubset.compare(expected.getValue().get(i), actual.get(i), at + "[" + i + "]", failures);
            }
        }
        return new Result(test.name(), failures.isEmpty(), failures, trace);
    }

    /** One test's outcome; {@code failures} say what differed, with paths into the expectation. */
    @JsonPropertyOrder({"name", "passed", "failures", "trace"})
    public record Result(String name, boolean passed, List<String> failures, EventTrace trace) {
    }
}
