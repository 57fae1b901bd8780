package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.flow.SchemaCheck;

/**
 * Checks a flow document completely and reports every problem with its JSON path: the format, node ids,
 * kinds and configs, edges (dangling, duplicate, into the source, out of a target, cycles), one source and
 * at least one target, nodes that lead nowhere, layout entries and stored tests. Thread-safe.
 */
public final class FlowValidator {

    private static final SchemaCheck ENVELOPE = SchemaCheck.of(FlowJson.resource("/schemas/flow-envelope.schema.json"));

    private final NodeRegistry registry;

    public FlowValidator(NodeRegistry registry) {
        this.registry = registry;
    }

    /** Parses and checks flow JSON text; returns the flow, or throws {@link InvalidFlowException} with every problem. */
    public Flow read(String json, ValidationContext context) {
        return check(FlowJson.parse(json), context);
    }

    /** Checks a parsed document; returns the flow, or throws {@link InvalidFlowException} with every problem. */
    public Flow check(JsonNode document, ValidationContext context) {
        Problems problems = new Problems();
        if (!document.isObject()) {
            problems.add("must be a JSON object with schemaVersion, name, workspace, nodes and edges");
            problems.throwIfAny();
        }
        ENVELOPE.check(document, problems);
        Map<String, Integer> nodeIndex = checkNodes(document.path("nodes"), context, problems.at(".nodes"));
        checkEdges(document, nodeIndex, problems);
        checkLayout(document.path("layout"), nodeIndex, problems.at(".layout"));
        checkTests(document.path("tests"), document.path("nodes"), nodeIndex, problems.at(".tests"));
        problems.throwIfAny();
        return FlowJson.bind(document);
    }

    /** Checks an in-memory flow, as the designer holds it. */
    public List<dev.sluice.flow.FlowProblem> problems(Flow flow, ValidationContext context) {
        try {
            check(FlowJson.toTree(flow), context);
            return List.of();
        } catch (InvalidFlowException e) {
            return e.problems();
        }
    }

    private Map<String, Integer> checkNodes(JsonNode nodes, ValidationContext context, Problems problems) {
        Map<String, Integer> index = new LinkedHashMap<>();
        if (!nodes.isArray()) {
            return index;
        }
        int sources = 0;
        int targets = 0;
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            Problems at = problems.at("[" + i + "]");
            String id = node.path("id").isTextual() ? node.path("id").asText() : null;
            if (id != null) {
                Integer earlier = index.putIfAbsent(id, i);
                if (earlier != null) {
                    at.add(".id", "duplicate node id '" + id + "' (first used at $.nodes[" + earlier + "])");
                }
            }
            if (!node.path("kind").isTextual()) {
                continue;
            }
            String kindId = node.path("kind").asText();
            Optional<NodeKind<?>> kind = registry.kind(kindId);
            if (kind.isEmpty()) {
                at.add(".kind", "unknown node kind '" + kindId + "'; known kinds: "
                        + String.join(", ", registry.all().stream().map(NodeKind::id).toList()));
                continue;
            }
            if (kind.get().role() == NodeRole.SOURCE && ++sources > 1) {
                at.add(".kind", "a flow has exactly one source node");
            }
            if (kind.get().role() == NodeRole.TARGET) {
                targets++;
            }
            JsonNode config = node.path("config");
            if (config.isMissingNode() || config.isObject()) {
                FlowNode flowNode = new FlowNode(id, kindId,
                        config.isObject() ? (com.fasterxml.jackson.databind.node.ObjectNode) config : null);
                try {
                    registry.validateConfig(flowNode, context, at.at(".config"));
                } catch (StackOverflowError tooDeep) {
                    // a parser (GraalJS, Velocity) recursing on thousands of nested brackets or directives
                    at.add(".config", "is nested too deeply to check (thousands of nested brackets or directives); "
                            + "flatten it");
                }
            }
        }
        if (sources == 0) {
            problems.add("a flow needs a source node (kind 'source')");
        }
        if (targets == 0) {
            problems.add("a flow needs at least one target node (kind 'target.…')");
        }
        return index;
    }

    private void checkEdges(JsonNode document, Map<String, Integer> nodeIndex, Problems problems) {
        JsonNode edges = document.path("edges");
        JsonNode nodes = document.path("nodes");
        if (!edges.isArray()) {
            return;
        }
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> edgeIndex = new HashMap<>();
        for (int k = 0; k < edges.size(); k++) {
            JsonNode edge = edges.get(k);
            Problems at = problems.at(".edges[" + k + "]");
            if (!edge.path("from").isTextual() || !edge.path("to").isTextual()) {
                continue;
            }
            String from = edge.get("from").asText();
            String to = edge.get("to").asText();
            boolean known = true;
            if (!nodeIndex.containsKey(from)) {
                at.add(".from", "no node has the id '" + from + "'");
                known = false;
            }
            if (!nodeIndex.containsKey(to)) {
                at.add(".to", "no node has the id '" + to + "'");
                known = false;
            }
            if (!known) {
                continue;
            }
            boolean intoSource = role(nodes, nodeIndex.get(to)) == NodeRole.SOURCE;
            boolean outOfTarget = role(nodes, nodeIndex.get(from)) == NodeRole.TARGET;
            if (intoSource) {
                at.add(".to", "nothing may flow into the source node '" + to + "'");
            }
            if (outOfTarget) {
                at.add(".from", "a target node ('" + from + "') has no outputs");
            }
            if (intoSource || outOfTarget) {
                continue;
            }
            Integer duplicate = edgeIndex.putIfAbsent(from + "\u0000" + to, k);
            if (duplicate != null) {
                at.add("repeats $.edges[" + duplicate + "] (" + from + " → " + to + ")");
                continue;
            }
            successors.computeIfAbsent(from, f -> new ArrayList<>()).add(to);
        }
        reportCycles(successors, edgeIndex, problems);
        reportDeadEnds(nodes, nodeIndex, successors, problems);
    }

    private void reportCycles(Map<String, List<String>> successors, Map<String, Integer> edgeIndex, Problems problems) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String start : successors.keySet()) {
            if (!state.containsKey(start)) {
                findCycles(start, successors, state, new ArrayList<>(), edgeIndex, problems);
            }
        }
    }

    private void findCycles(String node, Map<String, List<String>> successors, Map<String, Integer> state,
                            List<String> path, Map<String, Integer> edgeIndex, Problems problems) {
        state.put(node, 1);
        path.add(node);
        for (String next : successors.getOrDefault(node, List.of())) {
            Integer seen = state.get(next);
            if (seen == null) {
                findCycles(next, successors, state, path, edgeIndex, problems);
            } else if (seen == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                problems.add(".edges[" + edgeIndex.get(node + "\u0000" + next) + "]",
                        "closes a cycle: " + String.join(" → ", cycle));
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    private void reportDeadEnds(JsonNode nodes, Map<String, Integer> nodeIndex, Map<String, List<String>> successors,
                                Problems problems) {
        Map<String, Boolean> reachesTarget = new HashMap<>();
        String source = null;
        for (Map.Entry<String, Integer> node : nodeIndex.entrySet()) {
            if (role(nodes, node.getValue()) == NodeRole.SOURCE && source == null) {
                source = node.getKey();
            }
        }
        java.util.Set<String> reachable = new java.util.HashSet<>();
        if (source != null) {
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(source));
            while (!queue.isEmpty()) {
                String id = queue.poll();
                if (reachable.add(id)) {
                    queue.addAll(successors.getOrDefault(id, List.of()));
                }
            }
        }
        for (Map.Entry<String, Integer> node : nodeIndex.entrySet()) {
            NodeRole role = role(nodes, node.getValue());
            if (role == null) {
                continue;
            }
            if (source != null && !reachable.contains(node.getKey())) {
                problems.add(".nodes[" + node.getValue() + "]",
                        "is not connected to the source node '" + source + "'");
            } else if (role != NodeRole.TARGET
                    && !leadsToTarget(node.getKey(), nodes, nodeIndex, successors, reachesTarget, new java.util.HashSet<>())) {
                problems.add(".nodes[" + node.getValue() + "]", "leads to no target: connect it to a target node");
            }
        }
    }

    private boolean leadsToTarget(String id, JsonNode nodes, Map<String, Integer> nodeIndex,
                                  Map<String, List<String>> successors, Map<String, Boolean> memo,
                                  java.util.Set<String> visiting) {
        Boolean known = memo.get(id);
        if (known != null) {
            return known;
        }
        if (!visiting.add(id)) {
            return false;
        }
        boolean result = role(nodes, nodeIndex.get(id)) == NodeRole.TARGET;
        for (String next : successors.getOrDefault(id, List.of())) {
            result |= leadsToTarget(next, nodes, nodeIndex, successors, memo, visiting);
        }
        memo.put(id, result);
        return result;
    }

    private NodeRole role(JsonNode nodes, Integer index) {
        if (index == null) {
            return null;
        }
        return registry.kind(nodes.get(index).path("kind").asText()).map(NodeKind::role).orElse(null);
    }

    private void checkLayout(JsonNode layout, Map<String, Integer> nodeIndex, Problems problems) {
        if (!layout.isObject()) {
            return;
        }
        layout.fieldNames().forEachRemaining(id -> {
            if (!nodeIndex.containsKey(id)) {
                problems.add(Problems.key(id), "places a node that does not exist");
            }
        });
    }

    private void checkTests(JsonNode tests, JsonNode nodes, Map<String, Integer> nodeIndex, Problems problems) {
        if (!tests.isArray()) {
            return;
        }
        for (int i = 0; i < tests.size(); i++) {
            JsonNode test = tests.get(i);
            Problems at = problems.at("[" + i + "]");
            if (test.path("input").isObject()) {
                CloudEventRules.check(test.get("input"), at.at(".input"));
            }
            JsonNode expect = test.path("expect");
            if (expect.isObject()) {
                expect.fieldNames().forEachRemaining(target -> {
                    Integer index = nodeIndex.get(target);
                    if (index == null) {
                        at.add(".expect" + Problems.key(target), "no node has the id '" + target + "'");
                    } else if (role(nodes, index) != NodeRole.TARGET) {
                        at.add(".expect" + Problems.key(target), "'" + target + "' is not a target node");
                    }
                });
            }
        }
    }
}
