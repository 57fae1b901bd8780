package dev.sluice.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;

/**
 * Malformed variants of one valid flow, each broken in a way that must be refused: a required field deleted,
 * a value of the wrong JSON type, a dangling edge, a duplicate node id, an unknown kind, an unknown key, or
 * broken JSON text. Mutations never touch free-form parts (a test event's {@code data}, the contents of an
 * expected event), where any value is valid. Deterministic for a seed.
 */
final class MalformedFlows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> REQUIRED = List.of("/schemaVersion", "/name", "/workspace", "/nodes", "/edges",
            "/nodes/0/id", "/nodes/0/kind", "/nodes/1/id", "/nodes/1/kind", "/nodes/0/config",
            "/nodes/0/config/source", "/edges/0/from", "/edges/0/to", "/layout/in/x", "/layout/out/y",
            "/tests/0/name", "/tests/0/input", "/tests/0/expect", "/tests/0/input/id", "/tests/0/input/type",
            "/tests/0/input/source", "/tests/0/input/specversion");

    /** Any JSON value is valid here. */
    private static final String EVENT_DATA = "/tests/\\d+/input/data";
    /** Must be an object; what it holds is free. */
    private static final String EXPECTED_EVENT = "/tests/\\d+/expect/[^/]+/\\d+";

    private final Random random;
    private final ObjectNode valid;

    MalformedFlows(String validFlow, long seed) {
        this.valid = (ObjectNode) FlowJson.parse(validFlow);
        this.random = new Random(seed);
    }

    /** One malformed flow: what was done, and the JSON text. */
    record Case(String mutation, String json) {
    }

    List<Case> generate(int count) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode flow = valid.deepCopy();
            cases.add(switch (i % 7) {
                case 0 -> deleteRequired(flow);
                case 1 -> wrongType(flow);
                case 2 -> danglingEdge(flow);
                case 3 -> duplicateId(flow);
                case 4 -> unknownKind(flow);
                case 5 -> unknownKey(flow);
                default -> brokenText(flow);
            });
        }
        return cases;
    }

    private Case deleteRequired(ObjectNode flow) {
        String pointer = REQUIRED.get(random.nextInt(REQUIRED.size()));
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) flow.at(at.head())).remove(at.last().getMatchingProperty());
        return new Case("delete " + pointer, flow.toString());
    }

    private Case wrongType(ObjectNode flow) {
        List<String> locations = new ArrayList<>();
        collect(flow, "", locations);
        String pointer = locations.get(random.nextInt(locations.size()));
        JsonNode current = flow.at(pointer);
        JsonNode replacement = randomValue(2);
        while (replacement.getNodeType() == current.getNodeType()) {
            replacement = randomValue(2);
        }
        if (pointer.isEmpty()) {
            return new Case("replace the document with " + replacement, replacement.toString());
        }
        set(flow, pointer, replacement);
        return new Case("set " + pointer + " to " + replacement, flow.toString());
    }

    private Case danglingEdge(ObjectNode flow) {
        ArrayNode edges = (ArrayNode) flow.get("edges");
        String ghost = "ghost-" + random.nextInt(1000);
        if (random.nextBoolean()) {
            edges.addObject().put("from", "in").put("to", ghost);
        } else {
            ((ObjectNode) edges.get(0)).put(random.nextBoolean() ? "from" : "to", ghost);
        }
        return new Case("edge to or from " + ghost, flow.toString());
    }

    private Case duplicateId(ObjectNode flow) {
        ArrayNode nodes = (ArrayNode) flow.get("nodes");
        if (random.nextBoolean()) {
            nodes.add(nodes.get(random.nextInt(nodes.size())).deepCopy());
            return new Case("append a copy of a node", flow.toString());
        }
        ((ObjectNode) nodes.get(1)).put("id", "in");
        return new Case("give the target the source's id", flow.toString());
    }

    private Case unknownKind(ObjectNode flow) {
        String kind = random.nextBoolean() ? "kind-" + random.nextInt(1000) : "target." + random.nextInt(1000);
        ((ObjectNode) flow.get("nodes").get(random.nextInt(2))).put("kind", kind);
        return new Case("kind " + kind, flow.toString());
    }

    /** Renames a key of a structural object, or adds one: unknown settings, extension names and node ids all fail. */
    private Case unknownKey(ObjectNode flow) {
        List<String> objects = new ArrayList<>();
        collect(flow, "", objects);
        objects.removeIf(pointer -> !flow.at(pointer).isObject() || flow.at(pointer).isEmpty()
                || pointer.matches(EXPECTED_EVENT));
        String pointer = objects.get(random.nextInt(objects.size()));
        ObjectNode target = (ObjectNode) flow.at(pointer);
        String key = "Zz-" + random.nextInt(1000);
        if (random.nextBoolean()) {
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            String old = names.get(random.nextInt(names.size()));
            target.set(key, target.remove(old));
            return new Case("rename " + pointer + "/" + old + " to " + key, flow.toString());
        }
        target.set(key, randomValue(1));
        return new Case("add " + pointer + "/" + key, flow.toString());
    }

    private Case brokenText(ObjectNode flow) {
        String text = flow.toString();
        return switch (random.nextInt(3)) {
            case 0 -> {
                int cut = random.nextInt(text.lastIndexOf('}'));
                yield new Case("cut after " + cut + " characters", text.substring(0, cut));
            }
            case 1 -> new Case("trailing garbage", text + List.of("]", "{}", ",1", "x").get(random.nextInt(4)));
            default -> new Case("duplicate key name", "{\"name\": \"dup\"," + text.substring(1));
        };
    }

    /** JSON pointers of every value whose type the format fixes; free-form values are left out. */
    private static void collect(JsonNode node, String pointer, List<String> into) {
        if (pointer.matches(EVENT_DATA)) {
            return;
        }
        into.add(pointer);
        if (pointer.matches(EXPECTED_EVENT)) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, into);
            }
        }
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), value);
        }
    }

    private JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> random.nextBoolean() ? NODES.numberNode(random.nextInt()) : NODES.numberNode(random.nextDouble() * 1e6);
            case 3 -> NODES.textNode(randomText());
            case 4 -> NODES.textNode("");
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(randomText(), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2000)));
        }
        return text.toString();
    }
}
