package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.Problems;

/**
 * A flow version compiled once into its steps and wiring; run by the engine for every event and by
 * dry-run with a trace of every step. Thread-safe: all state is per call.
 *
 * <p>Semantics: the event enters the source node; each node's outputs go to every successor (a copy
 * each when there are several); what reaches a target node is that target's delivery. An event either
 * passes completely or fails: when any step fails, nothing is delivered.
 */
public final class Pipeline {

    private final Flow flow;
    private final Node source;
    private final List<String> targetIds;

    private Pipeline(Flow flow, Node source, List<String> targetIds) {
        this.flow = flow;
        this.source = source;
        this.targetIds = targetIds;
    }

    /** Compiles a flow that passed {@link FlowValidator}. */
    public static Pipeline compile(Flow flow, NodeRegistry registry, CompileContext context) {
        return compile(flow, registry, context, StepDecorator.NONE);
    }

    /** Compiles a flow that passed {@link FlowValidator}, each node's step wrapped by {@code decorator}. */
    public static Pipeline compile(Flow flow, NodeRegistry registry, CompileContext context,
                                   StepDecorator decorator) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (FlowNode node : flow.nodes()) {
            NodeKind<?> kind = registry.kind(node.kind())
                    .orElseThrow(() -> new IllegalArgumentException("Unknown node kind " + node.kind()));
            NodeStep step = decorator.decorate(node.id(), kind.id(), registry.compile(node, context));
            nodes.put(node.id(), new Node(node.id(), kind.role(), step, new ArrayList<>()));
        }
        for (FlowEdge edge : flow.edges()) {
            nodes.get(edge.from()).successors().add(nodes.get(edge.to()));
        }
        Node source = nodes.values().stream().filter(n -> n.role() == NodeRole.SOURCE).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Flow " + flow.name() + " has no source node"));
        List<String> targets = nodes.values().stream().filter(n -> n.role() == NodeRole.TARGET).map(Node::id).toList();
        return new Pipeline(flow, source, targets);
    }

    public Flow flow() {
        return flow;
    }

    public List<String> targetIds() {
        return targetIds;
    }

    /**
     * Runs one event (which the pipeline now owns), as the engine read it from the broker: it passed
     * {@link CloudEventRules} there. Returns, per target node id, the events it must receive; targets that
     * receive nothing are absent.
     *
     * @throws PipelineFailure naming the node, when a step fails
     */
    public Map<String, List<ObjectNode>> run(ObjectNode event) throws PipelineFailure {
        Map<String, List<ObjectNode>> deliveries = new HashMap<>();
        try {
            visit(source, event, null, deliveries);
        } catch (StepAt failure) {
            throw new PipelineFailure(failure.node, failure.getCause().getMessage(),
                    ((StepFailure) failure.getCause()).kind());
        }
        return deliveries;
    }

    /**
     * Runs one event recording every step: what each node passed on, dropped, or failed with. The event is taken
     * as ingest would store it ({@link CloudEventRules#stored}), so a dry run sees what the engine would.
     */
    public EventTrace trace(JsonNode input) {
        String eventId = input != null && input.path("id").isTextual() ? input.get("id").asText() : null;
        List<EventTrace.Step> steps = new ArrayList<>();
        Problems malformed = new Problems();
        if (!CloudEventRules.check(input, malformed)) {
            steps.add(EventTrace.Step.failed(source.id(), "malformed CloudEvent: " + describe(malformed)));
            return new EventTrace(eventId, steps, Map.of(), source.id());
        }
        Map<String, List<ObjectNode>> deliveries = new HashMap<>();
        try {
            visit(source, CloudEventRules.stored(((ObjectNode) input).deepCopy()), steps, deliveries);
        } catch (StepAt failure) {
            steps.add(EventTrace.Step.failed(failure.node, failure.getCause().getMessage()));
            return new EventTrace(eventId, steps, Map.of(), failure.node);
        }
        Map<String, List<ObjectNode>> ordered = new LinkedHashMap<>();
        for (String target : targetIds) {
            ordered.put(target, deliveries.getOrDefault(target, List.of()));
        }
        return new EventTrace(eventId, steps, ordered, null);
    }

    private void visit(Node node, ObjectNode event, List<EventTrace.Step> trace,
                       Map<String, List<ObjectNode>> deliveries) throws StepAt {
        List<ObjectNode> outputs;
        try {
            outputs = node.step().apply(event);
        } catch (StepFailure failure) {
            throw new StepAt(node.id(), failure);
        } catch (RuntimeException bug) {
            throw new StepAt(node.id(), new StepFailure("the " + node.id() + " node failed unexpectedly: "
                    + bug.getClass().getSimpleName(), FailureKind.PERMANENT, bug));
        }
        if (trace != null) {
            trace.add(outputs.isEmpty()
                    ? EventTrace.Step.dropped(node.id(), node.step().dropReason())
                    : EventTrace.Step.passed(node.id(), outputs.stream().map(ObjectNode::deepCopy).toList()));
        }
        if (node.role() == NodeRole.TARGET) {
            deliveries.computeIfAbsent(node.id(), id -> new ArrayList<>()).addAll(outputs);
            return;
        }
        List<Node> next = node.successors();
        for (ObjectNode output : outputs) {
            for (int i = 0; i < next.size(); i++) {
                visit(next.get(i), i == next.size() - 1 ? output : output.deepCopy(), trace, deliveries);
            }
        }
    }

    private static String describe(Problems problems) {
        return String.join("; ", problems.all().stream().map(p -> p.path() + " " + p.message()).toList());
    }

    private record Node(String id, NodeRole role, NodeStep step, List<Node> successors) {
    }

    /** Carries the failing node's id up the recursion without a stack of wrappers. */
    private static final class StepAt extends Exception {
        private final String node;

        StepAt(String node, StepFailure cause) {
            super(cause.getMessage(), cause, false, false);
            this.node = node;
        }
    }
}
