package dev.sluice.engine;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.tracing.EventSpan;
import dev.sluice.tracing.EventTracing;

/** A node's step with a span per run, a child of the event's span; the step itself while tracing is off. */
final class TracedStep implements NodeStep {

    private final EventTracing tracing;
    private final String node;
    private final String kind;
    private final NodeStep step;

    private TracedStep(EventTracing tracing, String node, String kind, NodeStep step) {
        this.tracing = tracing;
        this.node = node;
        this.kind = kind;
        this.step = step;
    }

    static NodeStep of(EventTracing tracing, String node, String kind, NodeStep step) {
        return tracing.enabled() ? new TracedStep(tracing, node, kind, step) : step;
    }

    @Override
    public List<ObjectNode> apply(ObjectNode event) throws StepFailure {
        EventSpan span = tracing.step(node, kind);
        try {
            List<ObjectNode> outputs = step.apply(event);
            span.tag("sluice.outputs", Integer.toString(outputs.size()));
            return outputs;
        } catch (StepFailure failure) {
            span.failed("node-failed", node).tag("sluice.failure.kind", failure.kind().name());
            throw failure;
        } catch (RuntimeException bug) {
            span.failed("node-failed", node);
            throw bug;
        } finally {
            span.end();
        }
    }

    @Override
    public String dropReason() {
        return step.dropReason();
    }
}
