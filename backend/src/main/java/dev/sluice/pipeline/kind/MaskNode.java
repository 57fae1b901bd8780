package dev.sluice.pipeline.kind;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.SchemaSource;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Desensitizes personal data: each rule masks the values at a JSONPath (wildcards allowed, absent paths left
 * alone) in one of the {@link MaskMode modes}, the rules in order. An event is masked completely or not at
 * all: when a rule meets a value it cannot mask (an object where a string is expected), the event fails with
 * a message naming the rule, mode, path and types, never a value, and nothing is passed on.
 */
public final class MaskNode implements NodeKind<MaskNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("mask", Config.class)
            .shownAs(NodeCategory.PRIVACY, "vaadin:eye-slash", "Mask",
                    "Masks personal data field by field: redact, keep first/last, e-mail, phone, keyed hash, truncate,"
                            + " generalize, null or remove")
            .withExample("""
                    {"rules": [
                      {"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4},
                      {"path": "$.data.contact.phone", "mode": "phone"},
                      {"path": "$.data.contact.email", "mode": "email"},
                      {"path": "$.data.nationalId", "mode": "hash", "secret": "user-pseudonym-key"},
                      {"path": "$.data.birthDate", "mode": "generalize", "to": "year"},
                      {"path": "$.data.contact.address.street", "mode": "remove"}]}
                    """)
            .describedBy(MaskNode::describe);
    // The attributes every CloudEvent needs: a mask there would leave an event no target accepts.
    private static final ObjectNode REQUIRED_ATTRIBUTES = (ObjectNode) FlowJson.parse("""
            {"specversion": "", "id": "", "source": "", "type": ""}""");

    /** @param rules the rules, applied in order; at least one */
    public record Config(@Setting(required = true, minItems = 1, title = "Rules",
                                  description = "Applied in order, each to every value its path finds")
                         List<@Setting(schema = RuleSchema.class) ObjectNode> rules) {
        public Config {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The first rule as field and what it becomes, and how many more: {@code bankAccount → last 4 (+5)}. */
    static String describe(JsonNode config) {
        return Descriptions.firstAndCount(config.path("rules"), rule -> Descriptions.field(rule.path("path").asText())
                + " → " + masked(rule));
    }

    private static String masked(JsonNode rule) {
        String mode = rule.path("mode").asText();
        return switch (mode) {
            case "partial" -> rule.path("keepLast").asInt() > 0 ? "last " + rule.path("keepLast").asInt()
                    : rule.path("keepFirst").asInt() > 0 ? "first " + rule.path("keepFirst").asInt() : "***";
            case "redact" -> "***";
            case "generalize" -> rule.path("to").isMissingNode() ? mode : rule.path("to").asText();
            case "remove" -> "∅";
            case "nullify" -> "null";
            default -> mode;
        };
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        for (int i = 0; i < config.rules().size(); i++) {
            ObjectNode rule = config.rules().get(i);
            Problems at = problems.at(".rules[" + i + "]");
            checkPath(rule.path("path").asText(), at);
            MaskMode.of(rule.path("mode").asText()).ifPresentOrElse(mode -> mode.check(rule, at),
                    () -> at.add(".mode", "unknown mask mode '" + rule.path("mode").asText() + "'; known modes: "
                            + String.join(", ", MaskMode.ids())));
        }
    }

    /**
     * @throws IllegalStateException when a hash rule's secret is missing from the workspace (there is no
     *                               fallback key)
     */
    @Override
    public List<FieldEffect> effects(Config config) {
        return config.rules().stream().<FieldEffect>map(rule -> new FieldEffect.Mask(rule.path("path").asText(), rule))
                .toList();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        List<MaskRule> rules = new ArrayList<>();
        for (int i = 0; i < config.rules().size(); i++) {
            ObjectNode rule = config.rules().get(i);
            int number = i + 1;
            MaskMode mode = MaskMode.of(rule.path("mode").asText()).orElseThrow(() -> new IllegalArgumentException(
                    "mask rule " + number + " has an unknown mode: validate the flow before compiling it"));
            rules.add(new MaskRule(i, mode, EventPath.compile(rule.path("path").asText()), mode.build(rule, context)));
        }
        List<MaskRule> compiled = List.copyOf(rules);
        return event -> {
            // Masked on a copy: a failing rule leaves the event exactly as it came, never half-masked.
            ObjectNode masked = event.deepCopy();
            for (MaskRule rule : compiled) {
                rule.apply(masked);
            }
            return List.of(masked);
        };
    }

    private static void checkPath(String expression, Problems at) {
        EventPath path;
        try {
            path = EventPath.compile(expression);
        } catch (IllegalArgumentException e) {
            at.add(".path", e.getMessage());
            return;
        }
        if (path.isRoot()) {
            at.add(".path", "cannot mask the whole event: name a field, e.g. $.data.email");
        } else if (!path.locate(REQUIRED_ATTRIBUTES).isEmpty()) {
            at.add(".path", "reaches specversion, id, source or type, which every CloudEvent needs: mask fields"
                    + " under $.data or optional attributes such as $.subject");
        }
    }

    /** A rule's schema: one if-then per mode, so the designer can build each mode's form. */
    public static final class RuleSchema implements SchemaSource {

        @Override
        public ObjectNode schema() {
            ObjectNode rule = Json.MAPPER.createObjectNode();
            rule.put("type", "object");
            rule.putArray("required").add("path").add("mode");
            ObjectNode properties = rule.putObject("properties");
            properties.putObject("path").put("type", "string").put("minLength", 1).put("title", "Field")
                    .put("description", "JSONPath of the values to mask, e.g. $.data.contact.phone or"
                            + " $.data.contacts[*].phone; nothing happens where it finds nothing");
            ObjectNode mode = properties.putObject("mode").put("title", "Mode")
                    .put("description", "How the values are masked; each mode has its own options");
            MaskMode.ids().forEach(mode.putArray("enum")::add);
            ArrayNode perMode = rule.putArray("allOf");
            for (MaskMode each : MaskMode.values()) {
                ObjectNode branch = perMode.addObject();
                ObjectNode condition = branch.putObject("if");
                condition.putObject("properties").putObject("mode").put("const", each.id());
                condition.putArray("required").add("mode");
                ObjectNode then = branch.putObject("then").put("title", each.title())
                        .put("description", each.description());
                ObjectNode options = then.putObject("properties");
                options.put("path", true).put("mode", true);
                options.setAll((ObjectNode) FlowJson.parse(each.options()));
                if (!each.required().isEmpty()) {
                    each.required().forEach(then.putArray("required")::add);
                }
                then.put("additionalProperties", false);
            }
            return rule;
        }
    }
}
