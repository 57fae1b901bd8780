package dev.sluice.eventmesh;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;

/**
 * EventMesh's {@code numeric}: pairs of operator ({@code = != > >= < <=}) and number, all of which must hold, as
 * ruler's {@code numeric}, which takes {@code =} alone or at most one lower and one upper bound and has no
 * {@code !=}. Several bounds of a side become the tightest; {@code !=} alone becomes {@code anything-but}.
 */
final class NumericCondition {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Bound(String operator, JsonNode number) {
        double value() {
            return number.asDouble();
        }

        boolean inclusive() {
            return operator.endsWith("=");
        }

        boolean holdsFor(double x) {
            return switch (operator) {
                case ">" -> x > value();
                case ">=" -> x >= value();
                case "<" -> x < value();
                case "<=" -> x <= value();
                case "!=" -> x != value();
                default -> x == value();
            };
        }
    }

    private NumericCondition() {
    }

    /** Ruler's condition, or null with a problem; {@code at} is the condition's full path. */
    static JsonNode translate(JsonNode numeric, String at, String field, Problems problems, List<String> notes) {
        String relative = at.substring(problems.path().length()) + ".numeric";
        if (!numeric.isArray() || numeric.isEmpty() || numeric.size() % 2 != 0) {
            problems.add(relative, "EventMesh's numeric takes pairs of operator and number, e.g. [\">\", 0, \"<=\", "
                    + "10]");
            return null;
        }
        List<Bound> bounds = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i += 2) {
            String operator = numeric.get(i).asText();
            JsonNode number = numeric.get(i + 1);
            if (!List.of("=", "!=", ">", ">=", "<", "<=").contains(operator)) {
                problems.add(relative + "[" + i + "]", "is not one of EventMesh's operators =, !=, >, >=, <, <=");
                return null;
            }
            if (!number.isNumber()) {
                try {
                    number = DoubleNode.valueOf(Double.parseDouble(number.asText()));
                } catch (NumberFormatException e) {
                    problems.add(relative + "[" + (i + 1) + "]", "must be a number");
                    return null;
                }
            }
            bounds.add(new Bound(operator, number));
        }
        notes.add(at + ": EventMesh's numeric lets through every value that is not a number (a string such as \"5\", "
                + "an event without " + field + "); Sluice's matches JSON numbers only");
        List<Bound> equal = bounds.stream().filter(b -> b.operator().equals("=")).toList();
        List<Bound> unequal = bounds.stream().filter(b -> b.operator().equals("!=")).toList();
        Bound lower = tightest(bounds, true);
        Bound upper = tightest(bounds, false);
        if (!equal.isEmpty()) {
            double x = equal.getFirst().value();
            if (bounds.stream().allMatch(b -> b.holdsFor(x))) {
                return range(List.of(equal.getFirst()));
            }
            problems.add(relative, "no number satisfies all of these conditions");
            return null;
        }
        if (!unequal.isEmpty()) {
            if (lower != null || upper != null) {
                problems.add(relative, "Sluice's numeric has no '!=' and cannot join anything-but with a range in one "
                        + "condition; write the range and the exclusion on two filter nodes");
                return null;
            }
            notes.add(at + ": written as anything-but, since Sluice's numeric has no '!='");
            ArrayNode values = JSON.arrayNode();
            unequal.forEach(b -> values.add(b.number()));
            return JSON.objectNode().set("anything-but", values);
        }
        List<Bound> kept = new ArrayList<>();
        if (lower != null) {
            kept.add(lower);
        }
        if (upper != null) {
            kept.add(upper);
        }
        if (lower != null && upper != null && (lower.value() > upper.value()
                || lower.value() == upper.value() && !(lower.inclusive() && upper.inclusive()))) {
            problems.add(relative, "no number satisfies all of these conditions");
            return null;
        }
        return range(kept);
    }

    private static Bound tightest(List<Bound> bounds, boolean lower) {
        Bound best = null;
        for (Bound b : bounds) {
            boolean isLower = b.operator().startsWith(">");
            boolean isUpper = b.operator().startsWith("<");
            if (lower ? !isLower : !isUpper) {
                continue;
            }
            if (best == null || (lower ? b.value() > best.value() : b.value() < best.value())
                    || (b.value() == best.value() && !b.inclusive())) {
                best = b;
            }
        }
        return best;
    }

    private static ObjectNode range(List<Bound> bounds) {
        ArrayNode numeric = JSON.arrayNode();
        bounds.forEach(b -> numeric.add(b.operator()).add(b.number()));
        return JSON.objectNode().set("numeric", numeric);
    }
}
