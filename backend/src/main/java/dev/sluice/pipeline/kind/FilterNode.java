package dev.sluice.pipeline.kind;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPattern;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Keeps the events that match an Amazon EventBridge event pattern, evaluated by event-ruler on the whole
 * CloudEvent: attributes ({@code type}, {@code source}, {@code subject}), extension attributes and {@code data}.
 */
public final class FilterNode implements NodeKind<FilterNode.Config> {

    private static final String PATTERN = "EventBridge event pattern on the CloudEvent: each field lists the values or"
            + " operators (prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr) it may"
            + " match; $or for alternatives";
    private static final NodeSpec<Config> SPEC = NodeSpec.processor("filter", Config.class)
            .shownAs(NodeCategory.FILTER, "vaadin:filter", "Filter",
                    "Keeps events that match a pattern on their attributes and data (EventBridge event patterns)")
            .withExample("""
                    {"pattern": {"data": {"payment": {"currency": ["CNY"]}}}}
                    """)
            .describedBy(FilterNode::describe);

    /** @param pattern the event pattern, e.g. {@code {"data": {"payment": {"currency": ["CNY"]}}}} */
    public record Config(@Setting(required = true, format = "event-pattern", title = "Pattern", description = PATTERN)
                         ObjectNode pattern) {
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The pattern's conditions by field: {@code currency = CNY}, {@code type prefix user.}, {@code $or (2)}. */
    static String describe(JsonNode config) {
        List<String> conditions = new java.util.ArrayList<>();
        conditions(config.path("pattern"), conditions);
        return String.join(", ", conditions);
    }

    private static void conditions(JsonNode pattern, List<String> into) {
        pattern.properties().forEach(member -> {
            JsonNode value = member.getValue();
            if (member.getKey().equals("$or")) {
                into.add("$or (" + value.size() + ")");
            } else if (value.isObject()) {
                conditions(value, into);
            } else if (value.isArray()) {
                into.add(member.getKey() + condition(value));
            }
        });
    }

    /** What a field's list of values asks: exact values, or an operator with its operand. */
    private static String condition(JsonNode values) {
        List<String> exact = new java.util.ArrayList<>();
        List<String> operators = new java.util.ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isObject()) {
                exact.add(value.asText());
                continue;
            }
            value.properties().forEach(operator -> operators.add(switch (operator.getKey()) {
                case "anything-but" -> "≠ " + (operator.getValue().isArray()
                        ? Descriptions.joined(operator.getValue(), " | ") : operator.getValue().asText());
                case "numeric" -> Descriptions.joined(operator.getValue(), " ");
                case "exists" -> operator.getValue().asBoolean() ? "exists" : "absent";
                default -> operator.getKey() + " " + (operator.getValue().isValueNode()
                        ? operator.getValue().asText() : operator.getValue().toString());
            }));
        }
        String text = exact.isEmpty() ? "" : " = " + String.join(" | ", exact);
        return text + (operators.isEmpty() ? "" : (text.isEmpty() ? " " : " or ") + String.join(" | ", operators));
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        EventPattern.compile(config.pattern(), problems.at(".pattern"));
    }

    /** Kept events pass unchanged. */
    @Override
    public List<FieldEffect> effects(Config config) {
        return List.of();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        EventPattern pattern = EventPattern.compile(config.pattern());
        return new NodeStep() {
            @Override
            public List<ObjectNode> apply(ObjectNode event) {
                return pattern.matches(event) ? List.of(event) : List.of();
            }

            @Override
            public String dropReason() {
                return "did not match the filter pattern";
            }
        };
    }
}
