package dev.sluice.privacy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowNode;
import dev.sluice.json.Json;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeRegistry;

/**
 * The one-click answers to a leak: its personal field masked (in the form its tag suggests) or removed, on every
 * route it takes, before anything could move it. A mask node already on the route takes the rule, when only nodes
 * that leave paths where they are (filters, selections, other masks) come before it; otherwise a new mask node goes
 * in right after the source, where the field is still at its source path.
 */
public final class LeakFixes {

    /** What to do with the leaking field. */
    public enum Fix {
        MASK, REMOVE
    }

    static final String MASK_KIND = "mask";

    private LeakFixes() {
    }

    /**
     * Changes the flow document (nodes, edges, layout) so that none of {@code leaks} (leaks of one source field)
     * remains; returns the ids of the mask nodes that took a rule.
     */
    public static List<String> apply(ObjectNode document, List<Leak> leaks, Fix fix, NodeRegistry registry) {
        Map<String, String> insertedAfterSource = new HashMap<>();
        LinkedHashSet<String> masks = new LinkedHashSet<>();
        for (Leak leak : leaks) {
            ObjectNode rule = rule(leak, fix);
            Optional<ObjectNode> onRoute = maskOnRoute(document, leak.via(), registry);
            if (onRoute.isPresent()) {
                addRule(onRoute.get(), rule);
                masks.add(onRoute.get().path("id").asText());
                continue;
            }
            String source = leak.via().getFirst();
            String next = leak.via().get(1);
            String inserted = insertedAfterSource.computeIfAbsent(source + "->" + next,
                    edge -> insertMask(document, source, next));
            addRule(node(document, inserted).orElseThrow(), rule);
            masks.add(inserted);
        }
        return List.copyOf(masks);
    }

    /** The mask rule for the leak's field: the tag's usual form when masking, else removal. */
    static ObjectNode rule(Leak leak, Fix fix) {
        ObjectNode rule = Json.MAPPER.createObjectNode().put("path", leak.sourcePath());
        if (fix == Fix.REMOVE) {
            return rule.put("mode", "remove");
        }
        return switch (leak.tag()) {
            case PiiTags.PHONE -> rule.put("mode", "phone");
            case PiiTags.EMAIL -> rule.put("mode", "email");
            case PiiTags.BANK_ACCOUNT -> rule.put("mode", "partial").put("keepLast", 4);
            case PiiTags.NAME -> rule.put("mode", "partial").put("keepFirst", 1);
            case PiiTags.BIRTH_DATE -> rule.put("mode", "generalize").put("to", "year");
            default -> rule.put("mode", "redact");
        };
    }

    /** The first mask node on the route that only path-keeping nodes precede. */
    private static Optional<ObjectNode> maskOnRoute(ObjectNode document, List<String> via, NodeRegistry registry) {
        for (String id : via.subList(1, via.size() - 1)) {
            Optional<ObjectNode> node = node(document, id);
            if (node.isEmpty()) {
                return Optional.empty();
            }
            if (MASK_KIND.equals(node.get().path("kind").asText())) {
                return node;
            }
            JsonNode config = node.get().path("config");
            List<FieldEffect> effects = registry.effects(new FlowNode(id, node.get().path("kind").asText(),
                    config.isObject() ? (ObjectNode) config : null));
            boolean keepsPaths = effects.stream().allMatch(effect -> effect instanceof FieldEffect.KeepData
                    || effect instanceof FieldEffect.KeepOnly || effect instanceof FieldEffect.Mask);
            if (!keepsPaths) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Adds the rule, in place of one for the same path. */
    private static void addRule(ObjectNode mask, ObjectNode rule) {
        JsonNode config = mask.path("config");
        ObjectNode settings = config.isObject() ? (ObjectNode) config : mask.putObject("config");
        ArrayNode rules = settings.path("rules").isArray() ? (ArrayNode) settings.get("rules")
                : settings.putArray("rules");
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("path").asText().equals(rule.path("path").asText())) {
                rules.set(i, rule);
                return;
            }
        }
        rules.add(rule);
    }

    /** A new mask node on the edge {@code from → to}, placed between the two on the canvas; returns its id. */
    private static String insertMask(ObjectNode document, String from, String to) {
        ArrayNode nodes = (ArrayNode) document.get("nodes");
        String id = MASK_KIND;
        for (int n = 2; node(document, id).isPresent(); n++) {
            id = MASK_KIND + "-" + n;
        }
        nodes.addObject().put("id", id).put("kind", MASK_KIND).putObject("config").putArray("rules");
        ArrayNode edges = (ArrayNode) document.get("edges");
        for (JsonNode edge : edges) {
            if (edge.path("from").asText().equals(from) && edge.path("to").asText().equals(to)) {
                ((ObjectNode) edge).put("to", id);
            }
        }
        edges.addObject().put("from", id).put("to", to);
        JsonNode layout = document.path("layout");
        if (layout.isObject() && layout.has(from) && layout.has(to)) {
            ((ObjectNode) layout).putObject(id)
                    .put("x", (layout.get(from).path("x").asDouble() + layout.get(to).path("x").asDouble()) / 2)
                    .put("y", (layout.get(from).path("y").asDouble() + layout.get(to).path("y").asDouble()) / 2 + 80);
        }
        return id;
    }

    private static Optional<ObjectNode> node(ObjectNode document, String id) {
        for (JsonNode node : document.path("nodes")) {
            if (node.path("id").asText().equals(id)) {
                return Optional.of((ObjectNode) node);
            }
        }
        return Optional.empty();
    }
}
