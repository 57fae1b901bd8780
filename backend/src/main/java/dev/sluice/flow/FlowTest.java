package dev.sluice.flow;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored test: one input event and, per target node id, the events that target must receive, each
 * compared as a JSON subset (listed fields must match, others may exist). A target that is not listed is
 * not checked; a target listed with {@code []} must receive nothing.
 */
@JsonPropertyOrder({"name", "input", "expect"})
public record FlowTest(String name, JsonNode input, Map<String, List<JsonNode>> expect) {

    public FlowTest {
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(expect));
    }
}
