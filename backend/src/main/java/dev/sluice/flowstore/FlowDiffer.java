package dev.sluice.flowstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowTest;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;

/** Computes {@link FlowDiff}s. Stateless. */
final class FlowDiffer {

    private FlowDiffer() {
    }

    static FlowDiff diff(int from, Flow older, int to, Flow newer) {
        List<FlowDiff.Change> flow = new ArrayList<>();
        compare(text(older.name()), text(newer.name()), "$.name", flow);
        compare(text(older.workspace()), text(newer.workspace()), "$.workspace", flow);
        compare(text(older.description()), text(newer.description()), "$.description", flow);
        return new FlowDiff(from, to, flow, nodes(older, newer), edges(older, newer), layout(older, newer),
                tests(older, newer));
    }

    private static FlowDiff.Nodes nodes(Flow older, Flow newer) {
        Map<String, FlowNode> before = byId(older.nodes());
        Map<String, FlowNode> after = byId(newer.nodes());
        List<FlowDiff.NodeRef> added = new ArrayList<>();
        List<FlowDiff.NodeRef> removed = new ArrayList<>();
        List<FlowDiff.NodeChange> changed = new ArrayList<>();
        for (FlowNode node : before.values()) {
            if (!after.containsKey(node.id())) {
                removed.add(new FlowDiff.NodeRef(node.id(), node.kind()));
            }
        }
        for (FlowNode node : after.values()) {
            FlowNode old = before.get(node.id());
            if (old == null) {
                added.add(new FlowDiff.NodeRef(node.id(), node.kind()));
                continue;
            }
            String at = "$.nodes[id=" + node.id() + "]";
            List<FlowDiff.Change> changes = new ArrayList<>();
            compare(text(old.kind()), text(node.kind()), at + ".kind", changes);
            compare(old.config(), node.config(), at + ".config", changes);
            if (!changes.isEmpty()) {
                changed.add(new FlowDiff.NodeChange(node.id(), changes));
            }
        }
        return new FlowDiff.Nodes(added, removed, changed);
    }

    private static FlowDiff.Edges edges(Flow older, Flow newer) {
        List<FlowEdge> added = newer.edges().stream().distinct().filter(e -> !older.edges().contains(e)).toList();
        List<FlowEdge> removed = older.edges().stream().distinct().filter(e -> !newer.edges().contains(e)).toList();
        return new FlowDiff.Edges(added, removed);
    }

    private static List<FlowDiff.Change> layout(Flow older, Flow newer) {
        List<FlowDiff.Change> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(older.layout().keySet());
        ids.addAll(newer.layout().keySet());
        for (String id : ids) {
            JsonNode before = position(older.layout().get(id));
            JsonNode after = position(newer.layout().get(id));
            if (!java.util.Objects.equals(before, after)) {
                // one change per node, the whole position: a move is one thing to the reader
                changes.add(new FlowDiff.Change("$.layout" + Problems.key(id), before, after));
            }
        }
        return changes;
    }

    private static FlowDiff.Tests tests(Flow older, Flow newer) {
        Map<String, FlowTest> before = byName(older.tests());
        Map<String, FlowTest> after = byName(newer.tests());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<FlowDiff.TestChange> changed = new ArrayList<>();
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(removed::add);
        for (Map.Entry<String, FlowTest> test : after.entrySet()) {
            FlowTest old = before.get(test.getKey());
            if (old == null) {
                added.add(test.getKey());
                continue;
            }
            String at = "$.tests[name='" + test.getKey().replace("'", "\\'") + "']";
            List<FlowDiff.Change> changes = new ArrayList<>();
            compare(old.input(), test.getValue().input(), at + ".input", changes);
            compare(Json.MAPPER.valueToTree(old.expect()), Json.MAPPER.valueToTree(test.getValue().expect()),
                    at + ".expect", changes);
            if (!changes.isEmpty()) {
                changed.add(new FlowDiff.TestChange(test.getKey(), changes));
            }
        }
        return new FlowDiff.Tests(added, removed, changed);
    }

    /**
     * Objects by key, arrays by index, everything else by value (numbers by numeric value, so 10 = 10.0).
     * {@code null} (Java) means absent.
     */
    static void compare(JsonNode before, JsonNode after, String path, List<FlowDiff.Change> changes) {
        if (before == null && after == null) {
            return;
        }
        if (before == null || after == null) {
            changes.add(new FlowDiff.Change(path, before, after));
        } else if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                compare(before.get(key), after.get(key), path + Problems.key(key), changes);
            }
        } else if (before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                compare(before.get(i), after.get(i), path + "[" + i + "]", changes);
            }
        } else if (!same(before, after)) {
            changes.add(new FlowDiff.Change(path, before, after));
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    private static JsonNode position(Flow.Position position) {
        if (position == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("x", number(position.x()));
        node.set("y", number(position.y()));
        return node;
    }

    /** {@code 40} rather than {@code 40.0}, as people write positions. */
    private static JsonNode number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? JsonNodeFactory.instance.numberNode((long) value) : JsonNodeFactory.instance.numberNode(value);
    }

    private static Map<String, FlowNode> byId(List<FlowNode> nodes) {
        Map<String, FlowNode> byId = new LinkedHashMap<>();
        nodes.forEach(node -> byId.putIfAbsent(node.id(), node));
        return byId;
    }

    /** Test names are not required to be unique; a repeated name gets its occurrence: {@code name (2)}. */
    private static Map<String, FlowTest> byName(List<FlowTest> tests) {
        Map<String, FlowTest> byName = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (FlowTest test : tests) {
            int occurrence = seen.merge(test.name(), 1, Integer::sum);
            byName.put(occurrence == 1 ? test.name() : test.name() + " (" + occurrence + ")", test);
        }
        return byName;
    }
}
