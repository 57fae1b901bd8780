package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.flow.SchemaCheck;
import dev.sluice.json.Json;

/**
 * The committed {@code flow.schema.json} is what the registry generates, and it accepts every kind's example
 * while rejecting what the validator rejects at the schema level.
 */
class FlowSchemaTest {

    private static final Path COMMITTED = Path.of("src/main/resources", FlowSchema.COMMITTED);
    private static final String REGENERATE =
            "./mvnw -pl backend test -Dtest=FlowSchemaTest -Dsluice.schema.write=true";

    private final String generated = FlowSchema.generate(NodeRegistry.builtIn());

    @Test
    void committedSchemaIsTheOneGeneratedFromTheRegistry() throws IOException {
        if (Boolean.getBoolean("sluice.schema.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);

        assertThat(committed)
                .as("%s is out of date with the node kinds; regenerate it with%n  %s%nand commit it", COMMITTED,
                        REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void acceptsAFlowUsingEveryKindsExample() {
        ObjectNode flow = flowWithEveryKind();

        Problems problems = new Problems();
        SchemaCheck.of(generated).check(flow, problems);

        assertThat(problems.all()).isEmpty();
    }

    @Test
    void rejectsUnknownKindsAndConfigsThatBreakTheirKindsSchema() {
        ObjectNode flow = flowWithEveryKind();
        ArrayNode nodes = (ArrayNode) flow.get("nodes");
        ((ObjectNode) nodes.get(0)).putObject("config").put("unknown", 1);
        nodes.addObject().put("id", "odd").put("kind", "no.such.kind");

        Problems problems = new Problems();
        SchemaCheck.of(generated).check(flow, problems);

        assertThat(problems.all()).extracting(FlowProblem::path)
                .contains("$.nodes[0].config.unknown", "$.nodes[0].config.source", "$.nodes[" + (nodes.size() - 1) + "].kind");
    }

    @Test
    void requiresTheConfigOfKindsThatHaveRequiredSettings() {
        ObjectNode flow = flowWithEveryKind();
        ((ObjectNode) flow.get("nodes").get(0)).remove("config");

        Problems problems = new Problems();
        SchemaCheck.of(generated).check(flow, problems);

        assertThat(problems.all()).extracting(FlowProblem::path).contains("$.nodes[0].config");
    }

    /** Every registered kind once, sources first, configured with its own example. */
    private static ObjectNode flowWithEveryKind() {
        ObjectNode flow = Json.MAPPER.createObjectNode();
        flow.put("schemaVersion", 1).put("name", "every-kind").put("workspace", "finance");
        ArrayNode nodes = flow.putArray("nodes");
        int i = 0;
        for (NodeKind<?> kind : NodeRegistry.builtIn().all()) {
            ObjectNode node = nodes.addObject().put("id", "n" + i++).put("kind", kind.id());
            node.set("config", FlowJson.parse(kind.spec().example()));
        }
        flow.putArray("edges");
        assertThat(NodeRegistry.builtIn().all().get(0).role()).isEqualTo(NodeRole.SOURCE);
        return flow;
    }
}
