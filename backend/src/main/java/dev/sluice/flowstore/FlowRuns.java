package dev.sluice.flowstore;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowTestRunner;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;

/**
 * Runs flows without the broker, on the same compiled pipeline the engine runs. Stored flows compile with
 * {@link CompileContext#standalone}: no secrets yet.
 */
@Component
class FlowRuns {

    static final int MAX_DRY_RUN_EVENTS = 200;

    private final NodeRegistry registry;

    FlowRuns(NodeRegistry registry) {
        this.registry = registry;
    }

    /** The {@code flow} and {@code events} of a dry-run request, or every problem with its shape. */
    static DryRunRequest read(JsonNode request) {
        JsonNode flow = request.path("flow");
        JsonNode events = request.path("events");
        List<FlowProblem> problems = new ArrayList<>();
        if (!flow.isObject()) {
            problems.add(new FlowProblem("$.flow", "is required: the flow to run, as flow JSON"));
        }
        if (!events.isArray()) {
            problems.add(new FlowProblem("$.events", "is required: an array of CloudEvents"));
        } else if (events.size() > MAX_DRY_RUN_EVENTS) {
            problems.add(new FlowProblem("$.events", "has " + events.size() + " events; at most "
                    + MAX_DRY_RUN_EVENTS + " run in one request"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return new DryRunRequest(flow, events);
    }

    record DryRunRequest(JsonNode flow, JsonNode events) {
    }

    /** The pipeline a dry-run of {@code flow} runs; an event that is not a CloudEvent fails at its source step. */
    Pipeline dryRunPipeline(Flow flow) {
        return Pipeline.compile(flow, registry, CompileContext.standalone(flow.workspace(), flow.name()));
    }

    FlowTestReport test(StoredFlow stored, FlowVersion version) {
        Pipeline pipeline;
        try {
            pipeline = Pipeline.compile(FlowDocuments.bind(version), registry,
                    CompileContext.standalone(stored.getWorkspace().getName(), stored.getName()));
        } catch (IllegalArgumentException e) {
            throw FlowStoreException.conflict("$", "version " + version.getVersion() + " no longer compiles: "
                    + e.getMessage());
        }
        List<FlowTestRunner.Result> results = FlowTestRunner.run(pipeline);
        return new FlowTestReport(stored.getId(), version.getVersion(),
                results.stream().allMatch(FlowTestRunner.Result::passed), results);
    }
}
