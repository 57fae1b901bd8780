package dev.sluice.pipeline.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

/**
 * Sets fields, in order: each rule writes a constant or a copy of the value at another path, creating missing
 * objects and arrays on the way and replacing what is there. A rule whose {@code from} is absent does nothing.
 * Attributes may be set too ({@code type}, {@code subject}, extensions), except {@code id} and
 * {@code specversion}; an event whose attributes end up invalid fails, as does one where a path goes through
 * a value that is not the object or array it needs.
 *
 * <p>Also holds the rules for writing into an event that {@link RenameNode} shares.
 */
public final class SetNode implements NodeKind<SetNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("set", Config.class)
            .shownAs(NodeCategory.TRANSFORM, "vaadin:edit", "Set fields",
                    "Sets fields or attributes to constants or to values copied from other fields")
            .withExample("""
                    {"values": [{"path": "$.data.origin", "value": "user-center"},
                                {"path": "$.data.eventType", "from": "$.type"},
                                {"path": "$.tenant", "value": "finance"}]}
                    """)
            .describedBy(SetNode::describe);

    /** Attributes no rule may write, and why. */
    private static final Map<String, String> FIXED_ATTRIBUTES = Map.of(
            "id", "the id attribute cannot be set: events keep the id they came with, from which output ids derive",
            "specversion", "the specversion attribute cannot be set: it is always 1.0",
            "data_base64", "data_base64 cannot be set: write data as JSON under $.data");

    /** @param values the rules, applied in order */
    @Setting(title = "Set fields", description = "Writes constants or copies of other fields, in order")
    public record Config(@Setting(required = true, minItems = 1, title = "Fields to set",
                                  description = "Applied in order; each rule gives either value or from")
                         List<Rule> values) {
        public Config {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /**
     * A rule gives value or from, not both: {@link #validate} says so in one sentence, where a schema's oneOf would
     * report three (no branch matched, value is required, from is required).
     *
     * @param path  where to write
     * @param value a constant (JSON {@code null} included); Java null when absent
     * @param from  a path to copy from instead
     */
    public record Rule(@Setting(required = true, minLength = 1, title = "Field", description = "Where to write:"
                               + " $.data.… or an attribute such as $.subject; no wildcards") String path,
                       @Setting(title = "Value", description = "A constant to write: text, number, true/false, null,"
                               + " an object or an array (give this or Copy from)") JsonNode value,
                       @Setting(minLength = 1, title = "Copy from", description = "A path whose value is copied, e.g."
                               + " $.type or $.data.userId; when nothing is there the rule does nothing (give this or"
                               + " Value)") String from) {
    }

    private record CompiledRule(EventPath path, JsonNode constant, EventPath from) {
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The first rule and how many more: {@code origin = user-center (+2)}, {@code eventType ← $.type}. */
    static String describe(JsonNode config) {
        return Descriptions.firstAndCount(config.path("values"), rule -> Descriptions.field(rule.path("path").asText())
                + (rule.has("from") ? " ← " + rule.path("from").asText() : " = " + (rule.path("value").isValueNode()
                ? rule.path("value").asText() : rule.path("value").toString())));
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        for (int i = 0; i < config.values().size(); i++) {
            Rule rule = config.values().get(i);
            Problems at = problems.at(".values[" + i + "]");
            if ((rule.value() == null) == (rule.from() == null)) {
                at.add(rule.value() == null ? "needs value (a constant) or from (a path to copy from)"
                        : "give either value or from, not both");
            }
            EventPath path = definitePath(rule.path(), at.at(".path"));
            if (path != null && checkTarget(path, at.at(".path")) && rule.value() != null && rule.from() == null) {
                attributeName(path).ifPresent(name -> checkAttributeValue(name, rule.value(), at.at(".value")));
            }
            if (rule.from() != null) {
                definitePath(rule.from(), at.at(".from"));
            }
        }
    }

    /** A copy adds the value at a new place; a constant replaces what is at its path. */
    @Override
    public List<FieldEffect> effects(Config config) {
        return config.values().stream().<FieldEffect>map(rule -> rule.from() != null
                ? new FieldEffect.Copy(rule.from(), rule.path()) : new FieldEffect.Overwrite(rule.path())).toList();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        List<CompiledRule> rules = new ArrayList<>();
        boolean writesAttributes = false;
        for (Rule rule : config.values()) {
            EventPath path = EventPath.compile(rule.path());
            writesAttributes |= !path.isUnderData();
            rules.add(new CompiledRule(path, rule.value() == null ? null : rule.value().deepCopy(),
                    rule.from() == null ? null : EventPath.compile(rule.from())));
        }
        boolean checkAttributes = writesAttributes;
        return event -> {
            for (CompiledRule rule : rules) {
                JsonNode value = rule.from() != null ? rule.from().read(event) : rule.constant();
                if (value == null) {
                    continue;
                }
                // a copy each time: the constant is shared by all events, a copied value stays where it was
                if (!rule.path().write(event, value.deepCopy())) {
                    throw cannotWrite(rule.path());
                }
            }
            if (checkAttributes) {
                requireCloudEvent(event);
            }
            return List.of(event);
        };
    }

    /** Compiles a path that must name one location, or reports why it does not; null when it does not. */
    static EventPath definitePath(String expression, Problems at) {
        EventPath path;
        try {
            path = EventPath.compile(expression);
        } catch (IllegalArgumentException e) {
            at.add(e.getMessage());
            return null;
        }
        if (!path.isDefinite()) {
            at.add("must name one field: wildcards ([*], .*) are not allowed here");
            return null;
        }
        return path;
    }

    /** Checks that values may be written at {@code path}; true when they may. */
    static boolean checkTarget(EventPath path, Problems at) {
        if (path.isRoot()) {
            at.add("cannot replace the whole event: name a field ($.data.…) or an attribute ($.subject)");
            return false;
        }
        if (path.isUnderData()) {
            return true;
        }
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        if (!path.write(probe, NullNode.getInstance())) {
            at.add("an event is a JSON object: start with a name, e.g. $.data.…");
            return false;
        }
        String name = probe.fieldNames().next();
        String fixed = FIXED_ATTRIBUTES.get(name);
        if (fixed != null) {
            at.add(fixed);
            return false;
        }
        if (!probe.get(name).isNull()) {
            at.add("CloudEvent attributes hold no fields: write $" + Problems.key(name)
                    + " itself, or a path under $.data");
            return false;
        }
        return checkAttributeValue(name, TextNode.valueOf("text"), at);
    }

    /**
     * The top-level member a definite path writes into when it is not under data ({@code subject} for
     * {@code $.subject}), empty for paths under data and for those that start with an index. EventPath keeps
     * its segments to itself, so this writes into an empty object and looks at what appeared; it runs at
     * validation and compile time, never per event.
     */
    static Optional<String> attributeName(EventPath path) {
        if (path.isRoot() || path.isUnderData()) {
            return Optional.empty();
        }
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        if (!path.write(probe, NullNode.getInstance())) {
            return Optional.empty();
        }
        return Optional.of(probe.fieldNames().next());
    }

    /** Whether {@code value} may stand in attribute {@code name}, by the CloudEvents rules; reports when not. */
    static boolean checkAttributeValue(String name, JsonNode value, Problems at) {
        ObjectNode probe = JsonNodeFactory.instance.objectNode()
                .put("specversion", "1.0").put("id", "probe").put("source", "/probe").put("type", "probe");
        probe.set(name, value);
        Problems found = new Problems();
        if (CloudEventRules.check(probe, found)) {
            return true;
        }
        found.all().forEach(problem -> at.add(problem.message()));
        return false;
    }

    static StepFailure cannotWrite(EventPath path) {
        return new StepFailure("cannot write " + path.expression() + ": a value on the way is not the object or "
                + "array the path needs, or an index is past the end of its array");
    }

    /** Fails the event when writing made its attributes invalid; messages name attributes, never values. */
    static void requireCloudEvent(ObjectNode event) throws StepFailure {
        Problems problems = new Problems();
        if (!CloudEventRules.check(event, problems)) {
            throw new StepFailure("the event is no longer a valid CloudEvent: " + String.join("; ",
                    problems.all().stream().map(problem -> problem.path() + " " + problem.message()).toList()));
        }
    }
}
