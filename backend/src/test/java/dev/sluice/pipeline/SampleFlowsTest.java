package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * The finance and customer-service sample flows over all 60 user-center sample events: every target
 * receives exactly what {@code samples/expected/<flow>.jsonl} says (one line per input event, its targets),
 * and no masked personal value of an input appears anywhere in what leaves the flow.
 * Regenerate the expectations after a deliberate change with {@code -Dsluice.samples.write=true}, then
 * review the diff: these files are the specification of what business units receive.
 */
class SampleFlowsTest {

    private static final Path RESOURCES = Path.of("src/test/resources");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"finance-payment-sync", "customer-service-contacts"})
    void sampleFlowDeliversExactlyTheExpectedEventsForAllSixtySamples(String name) throws IOException {
        Pipeline pipeline = pipeline(name);
        List<String> actual = new ArrayList<>();
        for (JsonNode event : samples()) {
            actual.add(Json.MAPPER.writeValueAsString(pipeline.trace(event).targets()));
        }
        Path expected = RESOURCES.resolve("samples/expected/" + name + ".jsonl");
        if (Boolean.getBoolean("sluice.samples.write")) {
            Files.createDirectories(expected.getParent());
            Files.write(expected, actual);
        }

        assertThat(actual).hasSize(60).containsExactlyElementsOf(Files.readAllLines(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"finance-payment-sync", "customer-service-contacts"})
    void noMaskedPersonalValueOfAnInputLeavesTheFlow(String name) throws IOException {
        Pipeline pipeline = pipeline(name);
        int delivered = 0;
        for (JsonNode event : samples()) {
            String out = Json.MAPPER.writeValueAsString(pipeline.trace(event).targets());
            for (String pii : personalValues(event.path("data"))) {
                assertThat(out).as("event %s must not carry %s", event.path("id").asText(), "a personal value")
                        .doesNotContain(pii);
            }
            delivered += out.length() > 20 ? 1 : 0;
        }
        assertThat(delivered).as("the flow delivers something, so the check above means something").isPositive();
    }

    /** National ids, bank accounts, phones, e-mails and streets: what the sample flows must never pass on. */
    private static List<String> personalValues(JsonNode data) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : List.of(data.path("nationalId"), data.path("payment").path("bankAccount"),
                data.path("contact").path("phone"), data.path("contact").path("email"),
                data.path("contact").path("address").path("street"))) {
            if (value.isTextual() && value.asText().length() > 4) {
                values.add(value.asText());
            }
        }
        return values;
    }

    private static Pipeline pipeline(String name) throws IOException {
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(
                Files.readString(RESOURCES.resolve("flows/valid/" + name + ".flow.json")), FlowFixturesTest.FINANCE_OR(name));
        return Pipeline.compile(flow, NodeRegistry.builtIn(),
                new CompileContext(flow.workspace(), flow.name(), secret -> Optional.of("sample-key".getBytes())));
    }

    private static List<JsonNode> samples() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(RESOURCES.resolve("samples/user-center-events.jsonl"))) {
            if (!line.isBlank()) {
                events.add((ObjectNode) FlowJson.parse(line));
            }
        }
        return events;
    }
}
