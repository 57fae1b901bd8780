package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/** The mask node inside a flow: validated by the flow validator, run by the pipeline on the sample events. */
class MaskFlowTest {

    private static final String RULES = """
            [{"path": "$.data.name", "mode": "partial", "keepFirst": 1},
             {"path": "$.data.birthDate", "mode": "generalize", "to": "year"},
             {"path": "$.data.nationalId", "mode": "hash", "secret": "pseudonyms"},
             {"path": "$.data.contact.phone", "mode": "phone"},
             {"path": "$.data.contact.email", "mode": "email"},
             {"path": "$.data.contact.address.street", "mode": "remove"},
             {"path": "$.data.payment.bankAccount", "mode": "partial", "keepLast": 4},
             {"path": "$.data.points", "mode": "generalize", "bucket": 10000}]""";

    private final FlowValidator validator = new FlowValidator(NodeRegistry.builtIn());
    private final ValidationContext context = ValidationContext.standalone("finance");

    @Test
    void reportsMaskProblemsAtTheirPathInTheFlow() {
        InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class, () -> validator.read(flow("""
                [{"path": "$.data.name", "mode": "scramble"}]"""), context));
        InvalidFlowException options = catchThrowableOfType(InvalidFlowException.class, () -> validator.read(flow("""
                [{"path": "$.data.name", "mode": "partial", "keepLast": -1, "colour": "red"}]"""), context));
        InvalidFlowException pattern = catchThrowableOfType(InvalidFlowException.class, () -> validator.read(flow("""
                [{"path": "$.data.name", "mode": "partial"},
                 {"path": "$.data.id", "mode": "regex-replace", "pattern": "(\\\\d", "replacement": "#"}]"""), context));

        assertThat(invalid.problems()).extracting(FlowProblem::path).containsExactly("$.nodes[1].config.rules[0].mode");
        assertThat(invalid.problems().get(0).message()).contains("partial", "regex-replace");
        assertThat(options.problems()).extracting(FlowProblem::path)
                .containsExactlyInAnyOrder("$.nodes[1].config.rules[0].keepLast", "$.nodes[1].config.rules[0].colour");
        assertThat(pattern.problems()).extracting(FlowProblem::path)
                .containsExactly("$.nodes[1].config.rules[1].pattern");
    }

    @Test
    void masksASampleEventInADryRun() throws IOException {
        Pipeline pipeline = compile(flow(RULES));
        JsonNode created = samples().get(0);

        EventTrace trace = pipeline.trace(created);

        assertThat(trace.failedAt()).isNull();
        assertThat(trace.steps()).extracting(EventTrace.Step::node).containsExactly("users", "mask", "out");
        JsonNode data = trace.targets().get("out").get(0).get("data");
        assertThat(data.get("name").asText()).isEqualTo("杨*");
        assertThat(data.get("birthDate").asText()).isEqualTo("1985");
        assertThat(data.get("nationalId").asText()).isEqualTo(new MaskHash(MaskFixtures.KEY).hash("330108198511022463"));
        assertThat(data.at("/contact/phone").asText()).isEqualTo("191****3016");
        assertThat(data.at("/contact/email").asText()).isEqualTo("u***@mail.example.cn");
        assertThat(data.at("/contact/address")).isEqualTo(FlowJson.parse("""
                {"province": "浙江省", "city": "杭州市", "postcode": "545140"}"""));
        assertThat(data.get("points").asText()).isEqualTo("30000-39999");
        assertThat(data.get("userId").asText()).isEqualTo("U100000");
        assertThat(created.at("/data/contact/phone").asText()).as("the input is not touched").isEqualTo("19159083016");
    }

    @Test
    void letsNoPersonalValueOfAnySampleThrough() throws IOException {
        Pipeline pipeline = compile(flow(RULES));
        List<String> fields = List.of("/data/name", "/data/birthDate", "/data/nationalId", "/data/contact/phone",
                "/data/contact/email", "/data/contact/address/street", "/data/payment/bankAccount");

        for (JsonNode sample : samples()) {
            EventTrace trace = pipeline.trace(sample);

            assertThat(trace.failedAt()).as(sample.get("id").asText()).isNull();
            String delivered = trace.targets().get("out").toString();
            for (String field : fields) {
                JsonNode value = sample.at(field);
                if (value.isTextual()) {
                    assertThat(delivered).as("%s of %s", field, sample.get("id")).doesNotContain(value.asText());
                }
            }
        }
    }

    @Test
    void failsTheEventInADryRunWhenARuleMeetsAnObject() throws IOException {
        Pipeline pipeline = compile(flow("""
                [{"path": "$.data.contact.phone", "mode": "phone"}, {"path": "$.data.contact.address", "mode": "truncate",
                  "maxLength": 3}]"""));

        EventTrace trace = pipeline.trace(samples().get(0));

        assertThat(trace.failedAt()).isEqualTo("mask");
        assertThat(trace.targets()).isEmpty();
        assertThat(trace.steps().get(1).error())
                .isEqualTo("mask rule 2 (truncate) at $.data.contact.address: expected a string but found an object");
    }

    private Pipeline compile(String json) {
        Flow flow = validator.read(json, context);
        return Pipeline.compile(flow, NodeRegistry.builtIn(), new CompileContext("finance", flow.name(),
                name -> Optional.ofNullable(Map.of("pseudonyms", MaskFixtures.KEY).get(name))));
    }

    private static String flow(String rules) {
        return """
                {"schemaVersion": 1, "name": "masked-users", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "mask", "kind": "mask", "config": {"rules": %s}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "users", "to": "mask"}, {"from": "mask", "to": "out"}]}
                """.formatted(rules);
    }

    /** A copy of shared/samples/user-center-events.jsonl: 60 generated user-center events. */
    private static List<ObjectNode> samples() throws IOException {
        try (InputStream in = MaskFlowTest.class.getResourceAsStream("mask-user-center-events.jsonl")) {
            List<ObjectNode> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add((ObjectNode) FlowJson.parse(line));
                }
            }
            assertThat(events).hasSize(60);
            return events;
        }
    }
}
