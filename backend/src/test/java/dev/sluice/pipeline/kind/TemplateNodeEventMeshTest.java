package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/**
 * Apache EventMesh's transformer examples ({@code TransformTest} in eventmesh-function-transformer) written into a
 * template node as they are: the template text as the template, EventMesh's {@code value} as the variables. Each
 * gives EventMesh's output as the event's data.
 */
class TemplateNodeEventMeshTest {

    /** {@code TransformTest.EVENT}. */
    static final String EVENT = """
            {"id": "5b26115b-73e-cf74a******", "specversion": "1.0", "source": "apache.eventmesh",
             "type": "object:test", "datacontenttype": "application/json", "subject": "xxx.jpg",
             "time": "2023-09-17T12:07:48.955Z",
             "data": {"name": "test-transformer", "num": 100, "boolean": true, "nullV": null}}""";

    static Stream<Arguments> transformTest() {
        return Stream.of(
                Arguments.of("testConstantTransformer", "constant test", "{}", "constant test"),
                Arguments.of("testTemplateTransFormerWithStringValue", "Transformers test:data name is ${data-name}",
                        "{\"data-name\": \"$.data.name\"}", "Transformers test:data name is test-transformer"),
                Arguments.of("testTemplateTransFormerWithNullContent", "Transformers test:data num is ${data-num}",
                        "{}", "Transformers test:data num is ${data-num}"),
                Arguments.of("testTemplateTransFormerWithNoMatchContent", "Transformers test:data num is ${data-num}",
                        "{\"data-num\": \"$.data.no\"}", "Transformers test:data num is null"),
                Arguments.of("testTemplateTransFormerWithMatchNumValue", "Transformers test:data num is ${data-num}",
                        "{\"data-num\": \"$.data.num\"}", "Transformers test:data num is 100"),
                Arguments.of("testTemplateTransFormerWithMatchNullValue", "Transformers test:data null is ${data-null}",
                        "{\"data-null\": \"$.data.nullV\"}", "Transformers test:data null is null"),
                Arguments.of("testTemplateTransFormerWithMatchBooleanValue",
                        "Transformers test:data boolean is ${boolean}", "{\"boolean\": \"$.data.boolean\"}",
                        "Transformers test:data boolean is true"),
                Arguments.of("testTemplateTransFormerWithConstant",
                        "Transformers test:data name is ${name}, constant is ${constant}",
                        "{\"name\": \"$.data.name\", \"constant\": \"constant\"}",
                        "Transformers test:data name is test-transformer, constant is constant"),
                Arguments.of("testTemplateTransFormerWithStringValueMap", "Transformers test:data name is ${data-name}",
                        "{\"data-name\": \"$.data.name\"}", "Transformers test:data name is test-transformer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transformTest")
    void rendersEventMeshTemplatesAsWrittenToEventMeshsTextAsTextData(String example, String template,
                                                                        String variables, String expected) {
        ObjectNode config = Json.MAPPER.createObjectNode().put("template", template);
        config.set("variables", FlowJson.parse(variables));

        assertThat(SingleNodeFlow.problems("template", "mesh", config.toString())).isEmpty();
        ObjectNode out = delivered(config.toString());

        assertThat(out.get("data").isTextual()).as("data is text: %s", out.get("data")).isTrue();
        assertThat(out.get("data").asText()).isEqualTo(expected);
        assertThat(out.get("datacontenttype").asText()).isEqualTo("text/plain");
        assertThat(out.get("id").asText()).isEqualTo("5b26115b-73e-cf74a******");
    }

    @Test
    void originalIsTheWholeEventRenderedAsItWas() {
        ObjectNode out = delivered("{\"template\": \"$event\"}");

        assertThat(out).isEqualTo(FlowJson.parse(EVENT));
    }

    @Test
    void aTemplateThatRendersJsonStillGivesJsonData() {
        ObjectNode out = delivered("""
                {"template": "{\\"name\\": \\"${data-name}\\", \\"num\\": ${data-num}}",
                 "variables": {"data-name": "$.data.name", "data-num": "$.data.no"}}""");

        assertThat(out.get("data")).isEqualTo(FlowJson.parse("{\"name\": \"test-transformer\", \"num\": null}"));
        assertThat(out.get("datacontenttype").asText()).isEqualTo("application/json");
    }

    @Test
    void plainTextKeepsValuesAsTheyAreWhereJsonWouldEscapeThem() {
        ObjectNode out = delivered("""
                {"template": "said ${quote}", "variables": {"quote": "$.data.quote"}}""",
                "{\"quote\": \"\\\"hi\\\" \\\\ there\"}");

        assertThat(out.get("data").asText()).isEqualTo("said \"hi\" \\ there");
    }

    private static ObjectNode delivered(String config) {
        return delivered(config, null);
    }

    private static ObjectNode delivered(String config, String data) {
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(SingleNodeFlow.json("template", "mesh", config),
                ValidationContext.standalone("finance"));
        ObjectNode event = (ObjectNode) FlowJson.parse(EVENT);
        if (data != null) {
            event.set("data", FlowJson.parse(data));
        }
        EventTrace trace = Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance",
                flow.name())).trace(event);
        assertThat(trace.failedAt()).as("failed: %s", trace.steps()).isNull();
        List<ObjectNode> out = trace.targets().get("out");
        assertThat(out).as("dropped: %s", trace.steps()).hasSize(1);
        return out.getFirst();
    }
}
