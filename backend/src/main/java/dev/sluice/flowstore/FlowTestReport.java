package dev.sluice.flowstore;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.sluice.pipeline.FlowTestRunner;

/** The outcome of a stored version's tests: passed when every test passed (and when there is none). */
@JsonPropertyOrder({"id", "version", "passed", "results"})
public record FlowTestReport(long id, int version, boolean passed, List<FlowTestRunner.Result> results) {
}
