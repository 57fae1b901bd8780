package dev.sluice.sandbox;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sluice.json.Json;

/**
 * One event handed to a script as proxies over its JSON tree instead of JSON text: the script reads and writes the
 * tree in place, and only the fields it touches cross into JavaScript. Parsing and writing the whole event as JSON
 * in JavaScript cost about ten times the script's own work on a typical event; this is what makes a small
 * transform cheap. What is written keeps JSON's rules: {@code undefined} and functions are left out, non-finite
 * numbers become null, and any other JavaScript value is converted as {@code JSON.stringify} would. A write that
 * would make the tree refer to itself, or that JSON cannot represent, is not done and fails the event after the
 * run ({@link #broken()}), since a proxy cannot throw a JavaScript error. One instance per event; not thread-safe.
 */
final class EventProxies {

    private final Value toJson;
    private final int maxArrayLength;
    private final Map<JsonNode, Object> wrappers = new IdentityHashMap<>();
    private ObjectNode root;
    private String broken;
    private boolean shares;
    private boolean touchedOutsideData;
    /** Whether the script wrote or removed the event's {@code data}, and what that was before its first such write. */
    private boolean dataReplaced;
    private JsonNode dataBefore;
    private long grownBy;

    /**
     * @param toJson         {@code JSON.stringify} of the script's context
     * @param maxArrayLength no array grows past this (each element costs at least a character of output)
     */
    EventProxies(Value toJson, int maxArrayLength) {
        this.toJson = toJson;
        this.maxArrayLength = maxArrayLength;
    }

    /** The proxy of an event: the script changes {@code event} itself. */
    Object event(ObjectNode event) {
        root = event;
        return wrap(event);
    }

    /** Why a write was refused, as a driver failure code ({@link Results}); null when none was. */
    String broken() {
        return broken;
    }

    /** Whether a part of the event was written to another place, so that two places of the tree may hold one node. */
    boolean shares() {
        return shares;
    }

    /**
     * Whether the event is as it came but for what its {@code data} holds: the script wrote or removed no member
     * but {@code data}, read no object or array held by one (which it could then change in place), and
     * {@code data} is still of the kind it was (absent, a string, or other JSON).
     */
    boolean keptAllButData() {
        return !touchedOutsideData && (!dataReplaced || kind(dataBefore) == kind(root.get("data")));
    }

    /** 0 for no value, 1 for a string, 2 for any other JSON. */
    private static int kind(JsonNode data) {
        return data == null ? 0 : data.isTextual() ? 1 : 2;
    }

    /**
     * At most how many characters the script's writes added to the event's JSON: values written and members added
     * are counted exactly, a replaced string without its escapes (not read character by character), removals are not
     * taken off; negative when replacements shortened it. Counted place by place, so it says nothing when
     * {@link #shares()}: a node in two places grows in both.
     */
    long grownBy() {
        return grownBy;
    }

    /** The tree behind a proxy of this event, or null when {@code value} is not one. */
    JsonNode nodeOf(Value value) {
        if (value.isProxyObject()) {
            Object proxy = value.asProxyObject();
            if (proxy instanceof ObjectProxy object && object.owner() == this) {
                return object.node;
            }
            if (proxy instanceof ArrayProxy array && array.owner() == this) {
                return array.node;
            }
        }
        return null;
    }

    private Object wrap(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode()) {
            return wrappers.computeIfAbsent(node, n -> n.isObject() ? new ObjectProxy((ObjectNode) n)
                    : new ArrayProxy((ArrayNode) n));
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** What to store for a value written into {@code into}; null to leave the member out. */
    private JsonNode unwrap(Value value, JsonNode into) {
        // strings first, the usual write: each question asked of a Value is a call into the context
        if (value.isString()) {
            return TextNode.valueOf(value.asString());
        }
        JsonNode own = nodeOf(value);
        if (own != null) {
            if (contains(own, into)) {
                broken = "cyclic";
                return null;
            }
            shares = true;
            return own;
        }
        if (value.isNull()) {
            return "undefined".equals(value.toString()) ? null : NullNode.instance;
        }
        if (value.isBoolean()) {
            return BooleanNode.valueOf(value.asBoolean());
        }
        if (value.isNumber() && value.fitsInInt()) {
            return IntNode.valueOf(value.asInt());
        }
        if (value.isNumber() && value.fitsInLong()) {
            return LongNode.valueOf(value.asLong());
        }
        if (value.isNumber() && value.fitsInDouble()) {
            double number = value.asDouble();
            return Double.isFinite(number) ? DoubleNode.valueOf(number) : NullNode.instance;
        }
        if (value.canExecute()) {
            return null;
        }
        return viaJson(value);
    }

    /** Dates, plain objects and arrays of JavaScript: exactly what JSON.stringify makes of them. */
    private JsonNode viaJson(Value value) {
        Value text;
        try {
            text = toJson.execute(value);
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isResourceExhausted() || !e.isGuestException()) {
                throw e;
            }
            broken = String.valueOf(e.getMessage()).contains("ircular") ? "cyclic" : "json:TypeError";
            return null;
        }
        if (!text.isString()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text.asString());
        } catch (JsonProcessingException e) {
            broken = "json:nesting";
            return null;
        }
    }

    /**
     * Gives every place in the tree its own node: inside the script an object assigned to two places is one
     * object, as in JavaScript, but the nodes after the script must be able to change one without the other.
     */
    static void unshare(JsonNode tree) {
        unshare(tree, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void unshare(JsonNode node, java.util.Set<JsonNode> seen) {
        seen.add(node);
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                if (field.getValue().isContainerNode()) {
                    if (seen.contains(field.getValue())) {
                        field.setValue(field.getValue().deepCopy());
                    }
                    unshare(field.getValue(), seen);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode()) {
                    if (seen.contains(array.get(i))) {
                        array.set(i, array.get(i).deepCopy());
                    }
                    unshare(array.get(i), seen);
                }
            }
        }
    }

    /** Whether {@code target} is {@code tree} or lies inside it. */
    private static boolean contains(JsonNode tree, JsonNode target) {
        if (tree == target) {
            return true;
        }
        for (JsonNode child : tree) {
            if (child.isContainerNode() && contains(child, target)) {
                return true;
            }
        }
        return false;
    }

    private final class ObjectProxy implements ProxyObject {
        private final ObjectNode node;

        private ObjectProxy(ObjectNode node) {
            this.node = node;
        }

        private EventProxies owner() {
            return EventProxies.this;
        }

        @Override
        public Object getMember(String key) {
            JsonNode member = node.get(key);
            if (node == root && member != null && member.isContainerNode() && !key.equals("data")) {
                touchedOutsideData = true;
            }
            return wrap(member);
        }

        @Override
        public Object getMemberKeys() {
            List<Object> keys = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(keys::add);
            return ProxyArray.fromList(keys);
        }

        @Override
        public boolean hasMember(String key) {
            return node.has(key);
        }

        @Override
        public void putMember(String key, Value value) {
            noteWrite(key);
            JsonNode stored = unwrap(value, node);
            if (stored == null) {
                node.remove(key);
                return;
            }
            JsonNode replaced = node.replace(key, stored);
            // a new member adds its name, a colon and a comma
            long before = replaced == null ? -JsonLength.string(key) - 2 : JsonLength.atLeast(replaced);
            grownBy += JsonLength.of(stored) - before;
        }

        @Override
        public boolean removeMember(String key) {
            noteWrite(key);
            return node.remove(key) != null;
        }

        private void noteWrite(String key) {
            if (node != root) {
                return;
            }
            if (!key.equals("data")) {
                touchedOutsideData = true;
            } else if (!dataReplaced) {
                dataReplaced = true;
                dataBefore = node.get("data");
            }
        }
    }

    private final class ArrayProxy implements ProxyArray {
        private final ArrayNode node;

        private ArrayProxy(ArrayNode node) {
            this.node = node;
        }

        private EventProxies owner() {
            return EventProxies.this;
        }

        @Override
        public Object get(long index) {
            return index < node.size() ? wrap(node.get((int) index)) : null;
        }

        @Override
        public void set(long index, Value value) {
            if (index >= maxArrayLength) {
                broken = "array:" + index;
                return;
            }
            JsonNode stored = unwrap(value, node);
            JsonNode element = stored == null ? NullNode.instance : stored;
            if (index < node.size()) {
                grownBy += JsonLength.of(element) - JsonLength.atLeast(node.set((int) index, element));
                return;
            }
            grownBy += (index - node.size()) * "null,".length() + JsonLength.of(element) + 1;
            while (node.size() < index) {
                node.addNull();
            }
            node.add(element);
        }

        @Override
        public boolean remove(long index) {
            if (index < node.size()) {
                node.remove((int) index);
                return true;
            }
            return false;
        }

        @Override
        public long getSize() {
            return node.size();
        }
    }
}
