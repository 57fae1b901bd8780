package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.Problems;

class NodeRegistryTest {

    private static final NodeRegistry registry = NodeRegistry.builtIn();

    static Stream<NodeKind<?>> kinds() {
        return registry.all().stream();
    }

    @Test
    void findsTheBuiltInKindsOnTheClassPath() {
        assertThat(registry.all()).extracting(NodeKind::id)
                .contains("source", "target.log", "target.http", "target.rabbitmq", "target.jdbc");
        assertThat(registry.all().get(0).role()).isEqualTo(NodeRole.SOURCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindsOwnExampleIsValidAndCompiles(NodeKind<?> kind) {
        FlowNode node = new FlowNode("n", kind.id(),
                (com.fasterxml.jackson.databind.node.ObjectNode) FlowJson.parse(kind.spec().example()));
        Problems problems = new Problems();

        assertThat(registry.validateConfig(node, ValidationContext.standalone("finance"), problems)).isPresent();
        assertThat(problems.all()).isEmpty();
        assertThat(kind.spec().summary()).isNotBlank();
        assertThat(FlowJson.parse(kind.spec().configSchema()).path("type").asText()).isEqualTo("object");
    }
}
