package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * An event pattern as rows of the rule builder, and back: one row is a field (dotted, {@code data.payment.currency}),
 * an operator and a value. Rows on different fields must all match; rows on the same field are alternatives, as
 * in the pattern language. A range is a row too when both ends are included ({@code 100 .. 5000}). Beside them, an
 * "any of" group: rows of which one must match, a top-level {@code $or} with an alternative per field. Patterns
 * with parts the rows cannot say ({@code $or} below the top or with alternatives of several fields, other ranges,
 * lists under {@code anything-but}, {@code cidr}, {@code null}) have no rows and stay JSON.
 */
final class PatternRules {

    /** What a row tests; {@code key} names it in the i18n bundle ({@code pattern.op.<key>}). */
    enum Operator {
        EQUALS("equals"), ANYTHING_BUT("anything-but"), PREFIX("prefix"), SUFFIX("suffix"),
        EQUALS_IGNORE_CASE("equals-ignore-case"), WILDCARD("wildcard"),
        NUMERIC_EQUAL("numeric-eq"), GREATER("numeric-gt"), AT_LEAST("numeric-ge"), LESS("numeric-lt"),
        AT_MOST("numeric-le"), BETWEEN("numeric-between"), EXISTS("exists"), NOT_EXISTS("not-exists");

        private final String key;

        Operator(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        boolean takesValue() {
            return this != EXISTS && this != NOT_EXISTS;
        }

        private String comparison() {
            return switch (this) {
                case NUMERIC_EQUAL -> "=";
                case GREATER -> ">";
                case AT_LEAST -> ">=";
                case LESS -> "<";
                case AT_MOST -> "<=";
                default -> null;
            };
        }
    }

    /** How a range's two ends are written in a row's value: {@code 100 .. 5000}. */
    static final String RANGE = " .. ";

    /** One row; {@code value} as typed: a number, {@code true} or text ({@code "30"} in quotes for the text 30). */
    record Rule(String field, Operator operator, String value) {
    }

    /**
     * The rows of a pattern: every one of {@code all} must match and, when there are any, one of {@code anyOf}.
     */
    record Rows(List<Rule> all, List<Rule> anyOf) {
        Rows {
            all = List.copyOf(all);
            anyOf = List.copyOf(anyOf);
        }
    }

    private static final String OR = "$or";
    private static final JsonNodeFactory JSON = Json.MAPPER.getNodeFactory();
    private static final List<String> TEXT_OPERATORS = List.of("prefix", "suffix", "equals-ignore-case", "wildcard");

    private PatternRules() {
    }

    /** The rows of a pattern; empty when the builder cannot show it all. */
    static Optional<Rows> read(JsonNode pattern, Map<String, String> fieldTypes) {
        if (pattern == null || pattern.isNull()) {
            return Optional.of(new Rows(List.of(), List.of()));
        }
        if (!pattern.isObject()) {
            return Optional.empty();
        }
        ObjectNode every = pattern.deepCopy();
        JsonNode alternatives = every.remove(OR);
        List<Rule> all = new ArrayList<>();
        if (!read(every, "", fieldTypes, all)) {
            return Optional.empty();
        }
        List<Rule> anyOf = new ArrayList<>();
        if (alternatives != null) {
            if (!alternatives.isArray() || alternatives.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode alternative : alternatives) {
                List<Rule> rules = new ArrayList<>();
                // an alternative of several fields is an AND inside an OR, which one group of rows cannot say
                if (!alternative.isObject() || alternative.isEmpty() || !read(alternative, "", fieldTypes, rules)
                        || rules.stream().map(Rule::field).distinct().count() != 1) {
                    return Optional.empty();
                }
                anyOf.addAll(rules);
            }
        }
        return Optional.of(new Rows(all, anyOf));
    }

    private static boolean read(JsonNode object, String prefix, Map<String, String> fieldTypes, List<Rule> rules) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.isEmpty() || key.startsWith("$") || key.contains(".")) {
                return false;
            }
            String field = prefix + key;
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                if (value.isEmpty() || !read(value, field + ".", fieldTypes, rules)) {
                    return false;
                }
            } else if (value.isArray() && !value.isEmpty()) {
                for (JsonNode condition : value) {
                    Optional<Rule> rule = rule(field, condition, fieldTypes.get(field));
                    if (rule.isEmpty()) {
                        return false;
                    }
                    rules.add(rule.get());
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static Optional<Rule> rule(String field, JsonNode condition, String type) {
        if (condition.isTextual() || condition.isNumber() || condition.isBoolean()) {
            return Optional.of(new Rule(field, Operator.EQUALS, shown(condition, type)));
        }
        if (!condition.isObject() || condition.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> only = condition.fields().next();
        String name = only.getKey();
        JsonNode operand = only.getValue();
        if (TEXT_OPERATORS.contains(name) && operand.isTextual()) {
            return Optional.of(new Rule(field, operator(name), operand.asText()));
        }
        if (name.equals("anything-but") && (operand.isTextual() || operand.isNumber())) {
            return Optional.of(new Rule(field, Operator.ANYTHING_BUT, shown(operand, type)));
        }
        if (name.equals("exists") && operand.isBoolean()) {
            return Optional.of(new Rule(field, operand.asBoolean() ? Operator.EXISTS : Operator.NOT_EXISTS, ""));
        }
        if (name.equals("numeric") && operand.isArray() && operand.size() == 4 && operand.get(0).asText().equals(">=")
                && operand.get(1).isNumber() && operand.get(2).asText().equals("<=") && operand.get(3).isNumber()) {
            return Optional.of(new Rule(field, Operator.BETWEEN, operand.get(1).asText() + RANGE + operand.get(3).asText()));
        }
        if (name.equals("numeric") && operand.isArray() && operand.size() == 2 && operand.get(1).isNumber()) {
            for (Operator operator : Operator.values()) {
                if (operand.get(0).asText().equals(operator.comparison())) {
                    return Optional.of(new Rule(field, operator, operand.get(1).asText()));
                }
            }
        }
        return Optional.empty();
    }

    private static Operator operator(String name) {
        for (Operator operator : Operator.values()) {
            if (operator.key().equals(name)) {
                return operator;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** A literal as the value box shows it: text in quotes only where it would read as a number or yes/no. */
    private static String shown(JsonNode literal, String type) {
        if (literal.isTextual() && !"string".equals(type) && !literal(literal.asText(), type).isTextual()) {
            return literal.toString();
        }
        return literal.asText();
    }

    /** What a typed value stands for: a number or yes/no unless the field is text; {@code "..."} is always text. */
    static JsonNode literal(String typed, String type) {
        String text = typed.strip();
        if ("string".equals(type)) {
            return JSON.textNode(typed);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return JSON.textNode(text.substring(1, text.length() - 1));
        }
        if (text.equals("true") || text.equals("false")) {
            return JSON.booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return FlowJson.parse(text);
        }
        return JSON.textNode(typed);
    }

    /**
     * The pattern the rows say; rows without a field are left out. The "any of" rows become a {@code $or} with an
     * alternative per field, or one per row when they are all on one field ({@code $or} needs two).
     */
    static ObjectNode write(Rows rows, Map<String, String> fieldTypes) {
        ObjectNode pattern = write(rows.all(), fieldTypes);
        Map<String, List<Rule>> byField = new LinkedHashMap<>();
        rows.anyOf().stream().filter(PatternRules::complete)
                .forEach(rule -> byField.computeIfAbsent(rule.field().strip(), field -> new ArrayList<>()).add(rule));
        if (!byField.isEmpty()) {
            ArrayNode alternatives = pattern.putArray(OR);
            if (byField.size() > 1) {
                byField.values().forEach(rules -> alternatives.add(write(rules, fieldTypes)));
            } else {
                byField.values().iterator().next().forEach(rule -> alternatives.add(write(List.of(rule), fieldTypes)));
            }
        }
        return pattern;
    }

    private static boolean complete(Rule rule) {
        return rule.field() != null && !rule.field().isBlank() && rule.operator() != null;
    }

    /** The pattern of rows that must all match; rows without a field are left out. */
    static ObjectNode write(List<Rule> rules, Map<String, String> fieldTypes) {
        ObjectNode pattern = Json.MAPPER.createObjectNode();
        for (Rule rule : rules) {
            if (!complete(rule)) {
                continue;
            }
            String[] segments = rule.field().strip().split("\\.");
            ObjectNode at = pattern;
            for (int i = 0; i < segments.length - 1; i++) {
                at = at.get(segments[i]) instanceof ObjectNode inner ? inner : at.putObject(segments[i]);
            }
            String last = segments[segments.length - 1];
            ArrayNode conditions = at.get(last) instanceof ArrayNode list ? list : at.putArray(last);
            conditions.add(condition(rule, fieldTypes.get(rule.field().strip())));
        }
        return pattern;
    }

    private static JsonNode condition(Rule rule, String type) {
        String value = rule.value() == null ? "" : rule.value();
        return switch (rule.operator()) {
            case EQUALS -> literal(value, type);
            case ANYTHING_BUT -> JSON.objectNode().set("anything-but", literal(value, type));
            case PREFIX, SUFFIX, EQUALS_IGNORE_CASE, WILDCARD -> JSON.objectNode().put(rule.operator().key(), value);
            case EXISTS -> JSON.objectNode().put("exists", true);
            case NOT_EXISTS -> JSON.objectNode().put("exists", false);
            case NUMERIC_EQUAL, GREATER, AT_LEAST, LESS, AT_MOST -> {
                ArrayNode numeric = JSON.arrayNode().add(rule.operator().comparison());
                // not a number: kept as typed, so the pattern check names what is wrong
                numeric.add(literal(value, "number"));
                yield JSON.objectNode().set("numeric", numeric);
            }
            case BETWEEN -> {
                int dots = value.indexOf("..");
                String low = dots < 0 ? value : value.substring(0, dots);
                String high = dots < 0 ? "" : value.substring(dots + 2);
                // an end that is not a number is kept as typed, so the pattern check names what is wrong
                yield JSON.objectNode().set("numeric", JSON.arrayNode().add(">=").add(literal(low, "number"))
                        .add("<=").add(literal(high, "number")));
            }
        };
    }
}
