package dev.sluice.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.flow.Flow;
import dev.sluice.json.Json;
import dev.sluice.pipeline.EventTrace;

/**
 * Hides personal data in what a user is shown of events (dry-run traces, previews, dead letters, samples) when
 * they are not cleared to see it in clear: the value is replaced by {@code [hidden: <tag>]}. Two nets: the tagged
 * fields as the leak guard follows them through the flow to each node (so a renamed name stays hidden), and the
 * recognizers on every value (so a phone number a script copied anywhere is hidden too). A value a mask already
 * hides for its tag is shown as the mask left it. Immutable and thread-safe.
 */
public final class PreviewMasking {

    private static final String INPUT = "";

    private final Map<String, Set<Taint>> leaving;
    private final Clearance viewer;

    private PreviewMasking(Map<String, Set<Taint>> leaving, Clearance viewer) {
        this.leaving = leaving;
        this.viewer = viewer;
    }

    /** For the events entering and leaving each node of {@code flow}, shown to a user with {@code viewer}. */
    public static PreviewMasking of(Flow flow, PiiTags tags, Clearance viewer) {
        Map<String, Set<Taint>> leaving = new LinkedHashMap<>(LeakGuard.leaving(flow, tags));
        leaving.put(INPUT, sourceTaints(tags));
        return new PreviewMasking(Map.copyOf(leaving), viewer);
    }

    /** For events as a source publishes them (samples, dead letters), shown to a user with {@code viewer}. */
    public static PreviewMasking ofSource(PiiTags tags, Clearance viewer) {
        return new PreviewMasking(Map.of(INPUT, sourceTaints(tags)), viewer);
    }

    /** An event as the source published it. */
    public JsonNode input(JsonNode event) {
        return mask(event, leaving.getOrDefault(INPUT, Set.of()));
    }

    /**
     * An event as the source published it, given as text: masked as {@link #input} when it parses as a JSON
     * object or array, else every recognized value in the text is hidden.
     */
    public String inputText(String event) {
        if (event == null) {
            return null;
        }
        try {
            JsonNode parsed = dev.sluice.json.Json.MAPPER.readTree(event);
            if (parsed != null && parsed.isContainerNode()) {
                return input(parsed).toString();
            }
        } catch (java.io.IOException notJson) {
            // fall through: a malformed event is still shown, with what looks personal hidden
        }
        String masked = event;
        for (Recognizer recognizer : Recognizer.values()) {
            if (viewer.level(recognizer.tag()) != Clearance.Level.CLEAR) {
                for (String found : recognizer.find(masked)) {
                    masked = masked.replace(found, "[hidden: " + recognizer.tag() + "]");
                }
            }
        }
        return masked;
    }

    /** An event as it left the node with this id. */
    public JsonNode leaving(String node, JsonNode event) {
        return mask(event, leaving.getOrDefault(node, leaving.getOrDefault(INPUT, Set.of())));
    }

    /** A dry-run trace with every step's outputs and every target's events masked. */
    public EventTrace trace(EventTrace trace) {
        List<EventTrace.Step> steps = trace.steps().stream().map(step -> new EventTrace.Step(step.node(),
                step.outputs() == null ? null : step.outputs().stream().map(out -> object(leaving(step.node(), out)))
                        .toList(), step.dropped(), step.reason(), step.error())).toList();
        Map<String, List<ObjectNode>> targets = new LinkedHashMap<>();
        trace.targets().forEach((target, events) -> targets.put(target,
                events.stream().map(event -> object(leaving(target, event))).toList()));
        return new EventTrace(trace.eventId(), steps, targets, trace.failedAt());
    }

    private JsonNode mask(JsonNode event, Set<Taint> taints) {
        if (event == null || !event.isContainerNode()) {
            return event;
        }
        JsonNode copy = event.deepCopy();
        for (Taint taint : taints) {
            boolean maskedEnough = taint.mode() != null && taint.hides();
            // "anywhere in data" (after a script) would hide everything; the recognizers look there instead
            if (!maskedEnough && viewer.level(taint.tag()) != Clearance.Level.CLEAR && taint.at().size() > 1) {
                hide(copy, taint.at().segments(), 0, taint.tag());
            }
        }
        for (PiiFinding finding : PiiScanner.scan(copy)) {
            if (viewer.level(finding.tag()) != Clearance.Level.CLEAR) {
                hide(copy, FieldPath.parse(finding.path()).segments(), 0, finding.tag());
            }
        }
        return copy;
    }

    private static void hide(JsonNode node, List<Object> segments, int at, String tag) {
        if (at == segments.size() - 1) {
            Object last = segments.get(at);
            if (node instanceof ObjectNode object && last instanceof String name && object.has(name)
                    && !object.get(name).isNull()) {
                object.set(name, hidden(tag));
            } else if (node instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
                array.set(index, hidden(tag));
            } else if (node instanceof ArrayNode array && last == FieldPath.ANY) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, hidden(tag));
                }
            } else if (node instanceof ObjectNode object && last == FieldPath.ANY) {
                List<String> names = new java.util.ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                names.forEach(name -> object.set(name, hidden(tag)));
            }
            return;
        }
        Object segment = segments.get(at);
        if (segment == FieldPath.ANY) {
            node.forEach(child -> hide(child, segments, at + 1, tag));
        } else if (segment instanceof String name && node.isObject() && node.has(name)) {
            hide(node.get(name), segments, at + 1, tag);
        } else if (segment instanceof Integer index && node.isArray() && index < node.size()) {
            hide(node.get(index), segments, at + 1, tag);
        }
    }

    private static TextNode hidden(String tag) {
        return TextNode.valueOf("[hidden: " + tag + "]");
    }

    private static ObjectNode object(JsonNode node) {
        return (ObjectNode) node;
    }

    private static Set<Taint> sourceTaints(PiiTags tags) {
        Set<Taint> taints = new java.util.LinkedHashSet<>();
        tags.fields().forEach((path, tag) -> taints.add(Taint.clear(tag, path, FieldPath.parse(path))));
        return taints;
    }
}
