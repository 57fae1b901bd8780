package dev.sluice.flow.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The {@code allOf} if-then branches of an object schema that one property chooses by its {@code const} (a mask
 * rule's mode chooses its options): the property, and each value's {@code then} schema.
 */
final class ItemBranches {

    private final String discriminator;
    private final Map<String, JsonNode> branches = new LinkedHashMap<>();

    ItemBranches(JsonNode objectSchema) {
        String chooser = null;
        for (JsonNode branch : objectSchema.path("allOf")) {
            for (Map.Entry<String, JsonNode> condition : branch.path("if").path("properties").properties()) {
                if (condition.getValue().has("const") && (chooser == null || chooser.equals(condition.getKey()))) {
                    chooser = condition.getKey();
                    branches.put(condition.getValue().get("const").asText(), branch.path("then"));
                }
            }
        }
        this.discriminator = chooser;
    }

    /** The property whose value chooses the branch; empty when the schema has no such branches. */
    Optional<String> discriminator() {
        return Optional.ofNullable(discriminator);
    }

    /** The values that choose a branch, in the schema's order. */
    List<String> values() {
        return List.copyOf(branches.keySet());
    }

    /** The {@code then} schema of a value; missing when no branch has it. */
    JsonNode of(String value) {
        return value == null ? MissingNode.getInstance() : branches.getOrDefault(value, MissingNode.getInstance());
    }

    /** The {@code then} schema chosen by an item's discriminator; missing when there is none. */
    JsonNode of(JsonNode item) {
        return discriminator == null ? MissingNode.getInstance() : of(item.path(discriminator).asText(null));
    }
}
