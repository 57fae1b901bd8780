package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * {@code POST /api/flows/import/eventmesh} on the embedded default. The filter and transformer examples of Apache
 * EventMesh's own tests ({@code PatternTest}, {@code TransformTest}, {@code FilterEngineTest}), imported and run by
 * dry-run, give EventMesh's results; where Sluice decides otherwise (cases checked against EventMesh's code), the
 * import's notes name the condition.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class EventMeshImportIT {

    /** {@code PatternTest}'s event. */
    private static final String PATTERN_EVENT = """
            {"id": "4b26115b-73e-cf74a******", "specversion": "1.0", "source": "eventmesh.source",
             "type": "object:put", "datacontenttype": "application/json", "subject": "xxx.jpg",
             "time": "2022-01-17T12:07:48.955Z",
             "data": {"name": "test01", "state": "enable", "num": 10, "num1": 50.7}}""";
    /** {@code TransformTest.EVENT}. */
    private static final String TRANSFORM_EVENT = """
            {"id": "5b26115b-73e-cf74a******", "specversion": "1.0", "source": "apache.eventmesh",
             "type": "object:test", "datacontenttype": "application/json", "subject": "xxx.jpg",
             "time": "2023-09-17T12:07:48.955Z",
             "data": {"name": "test-transformer", "num": 100, "boolean": true, "nullV": null}}""";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    private ApiCalls api;
    private static String source;

    /** Once: a source of central-data without personal data, granted to finance, so dry-runs show values. */
    @BeforeEach
    void registerASource() {
        api = new ApiCalls(port, "demo-it");
        if (source != null) {
            return;
        }
        source = ApiCalls.unique("it.eventmesh");
        assertThat(api.call("POST", "/api/sources", "admin", """
                {"name": "%s", "owner": "central-data", "eventTypes": ["object:put", "object:test", "testType"]}"""
                .formatted(source)).status()).isEqualTo(201);
        assertThat(api.call("POST", "/api/sources/" + source + "/grants", "central",
                "{\"workspace\": \"finance\"}").status()).isEqualTo(204);
    }

    static Stream<Arguments> patternTest() {
        return Stream.of(
                Arguments.of("PatternTest.testSpecifiedFilter", "{\"source\": [{\"prefix\": \"eventmesh.\"}]}",
                        PATTERN_EVENT, true),
                Arguments.of("PatternTest.testPrefixFilter", "{\"source\": [{\"prefix\": \"eventmesh.\"}]}",
                        PATTERN_EVENT, true),
                Arguments.of("PatternTest.testSuffixFilter", "{\"subject\": [{\"suffix\": \".jpg\"}]}",
                        PATTERN_EVENT, true),
                Arguments.of("PatternTest.testNumericFilter", """
                        {"data": {"num": [{"numeric": [">", 0, "<=", 10]}], "num1": [{"numeric": ["=", 50.7]}]}}""",
                        PATTERN_EVENT, true),
                Arguments.of("PatternTest.testExistsFilter", "{\"data\": {\"state\": [{\"exists\": false}]}}",
                        PATTERN_EVENT, false),
                Arguments.of("PatternTest.testAnythingButFilter",
                        "{\"data\": {\"state\": [{\"anything-but\": \"enable\"}]}}", PATTERN_EVENT, false),
                Arguments.of("PatternTest.testPrefixFilterMap", "{\"source\": [{\"prefix\": \"eventmesh.\"}]}",
                        PATTERN_EVENT, true),
                Arguments.of("FilterEngineTest.testStartAndGetFilter", "{\"source\": [\"testSource\"]}", """
                        {"specversion": "1.0", "id": "1", "source": "testSource", "type": "testType"}""", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patternTest")
    void eventMeshFilterExamplesKeepAndDropAsInEventMesh(String example, String filter, String event,
                                                         boolean eventMeshKeeps) {
        Imported imported = importRules("\"filter\": " + filter);

        assertThat(delivered(imported, event)).as(example).hasSize(eventMeshKeeps ? 1 : 0);
    }

    static Stream<Arguments> transformTest() {
        return Stream.of(
                Arguments.of("testConstantTransformer", "constant", "\"constant test\"", null, "constant test"),
                Arguments.of("testTemplateTransFormerWithStringValue", "template", "\"{\\\"data-name\\\":\\\"$.data.name\\\"}\"",
                        "Transformers test:data name is ${data-name}", "Transformers test:data name is test-transformer"),
                Arguments.of("testTemplateTransFormerWithNullContent", "template", "\"{}\"",
                        "Transformers test:data num is ${data-num}", "Transformers test:data num is ${data-num}"),
                Arguments.of("testTemplateTransFormerWithNoMatchContent", "template", "\"{\\\"data-num\\\":\\\"$.data.no\\\"}\"",
                        "Transformers test:data num is ${data-num}", "Transformers test:data num is null"),
                Arguments.of("testTemplateTransFormerWithMatchNumValue", "template", "\"{\\\"data-num\\\":\\\"$.data.num\\\"}\"",
                        "Transformers test:data num is ${data-num}", "Transformers test:data num is 100"),
                Arguments.of("testTemplateTransFormerWithMatchNullValue", "template",
                        "\"{\\\"data-null\\\":\\\"$.data.nullV\\\"}\"", "Transformers test:data null is ${data-null}",
                        "Transformers test:data null is null"),
                Arguments.of("testTemplateTransFormerWithMatchBooleanValue", "template",
                        "\"{\\\"boolean\\\":\\\"$.data.boolean\\\"}\"", "Transformers test:data boolean is ${boolean}",
                        "Transformers test:data boolean is true"),
                Arguments.of("testTemplateTransFormerWithConstant", "template",
                        "\"{\\\"name\\\":\\\"$.data.name\\\",\\\"constant\\\":\\\"constant\\\"}\"",
                        "Transformers test:data name is ${name}, constant is ${constant}",
                        "Transformers test:data name is test-transformer, constant is constant"),
                Arguments.of("testTemplateTransFormerWithStringValueMap", "template", "{\"data-name\": \"$.data.name\"}",
                        "Transformers test:data name is ${data-name}", "Transformers test:data name is test-transformer"));
    }

    @ParameterizedTest(name = "TransformTest.{0}")
    @MethodSource("transformTest")
    void eventMeshTransformerExamplesGiveEventMeshsOutputAsData(String example, String type, String value,
                                                                String template, String output) {
        ObjectNode transformer = Json.MAPPER.createObjectNode().put("transformerType", type);
        transformer.set("value", FlowJson.parse(value));
        if (template != null) {
            transformer.put("template", template);
        }
        Imported imported = importRules("\"transformer\": " + transformer);

        List<JsonNode> out = delivered(imported, TRANSFORM_EVENT);
        assertThat(out).as(example).hasSize(1);
        assertThat(out.getFirst().path("data").asText()).isEqualTo(output);
        assertThat(out.getFirst().path("datacontenttype").asText()).isEqualTo("text/plain");
        assertThat(imported.notes()).isEmpty();
    }

    @Test
    void eventMeshOriginalTransformerPassesTheEventAsItIs() {
        Imported imported = importRules("\"transformer\": {\"transformerType\": \"original\"}");

        assertThat(delivered(imported, TRANSFORM_EVENT)).singleElement()
                .isEqualTo(FlowJson.parse(TRANSFORM_EVENT));
    }

    /**
     * Conditions where EventMesh's filter ({@code Pattern.filter} on the same event, run against EventMesh's code)
     * and Sluice's decide differently, or alike where the import rewrote the condition: Sluice keeps what
     * event-ruler keeps, and wherever that is not what EventMesh keeps, a note names the condition.
     */
    @ParameterizedTest(name = "{0} on data {1}: EventMesh {2}, Sluice {3}")
    @CsvSource(delimiter = '|', textBlock = """
            {"exists": false}              | {}                  | true  | true
            {"exists": true}               | {}                  | true  | false
            {"exists": true}               | {"x": []}           | true  | false
            {"exists": true}               | {"x": {"y": 1}}     | true  | false
            {"exists": "true"}             | {"x": 1}            | true  | true
            null                           | {}                  | true  | false
            null                           | {"x": "null"}       | true  | false
            "null"                         | {"x": null}         | true  | false
            {"anything-but": "a"}          | {}                  | true  | false
            {"anything-but": "10"}         | {"x": 10}           | false | true
            {"anything-but": 10}           | {"x": "10"}         | false | true
            {"anything-but": null}         | {"x": 0}            | true  | true
            {"prefix": "1"}                | {"x": 10}           | true  | false
            {"suffix": "0"}                | {"x": 10}           | true  | false
            {"prefix": "nu"}               | {}                  | true  | false
            "10"                           | {"x": 10}           | true  | false
            10                             | {"x": "10"}         | true  | false
            10                             | {"x": 10.0}         | false | true
            true                           | {"x": "true"}       | true  | false
            {"numeric": [">", 0]}          | {"x": "5"}          | true  | false
            {"numeric": [">", 0]}          | {}                  | true  | false
            {"numeric": [">", 0]}          | {"x": "abc"}        | true  | false
            {"numeric": ["!=", 5]}         | {"x": 4}            | true  | true
            {"numeric": [">", 0, ">", 5]}  | {"x": 6}            | true  | true
            {"prefix": "a", "suffix": "b"} | {"x": "ab"}         | true  | true
            """)
    void whereSluiceDecidesOtherwiseTheNotesSaySo(String condition, String data, boolean eventMesh, boolean sluice) {
        Imported imported = importRules("\"filter\": {\"data\": {\"x\": [" + condition + "]}}");
        String event = """
                {"specversion": "1.0", "id": "d1", "source": "/s", "type": "object:put", "data": %s}""".formatted(data);

        assertThat(delivered(imported, event)).hasSize(sluice ? 1 : 0);
        if (sluice != eventMesh) {
            assertThat(imported.notes()).anySatisfy(note -> assertThat(note).startsWith("$.filter.data.x[0]"));
        }
    }

    @Test
    void answersLikeTheJsonImportAndStoresAnAuditedFirstVersion() {
        String name = ApiCalls.unique("from-eventmesh");
        Response response = api.call("POST", "/api/flows/import/eventmesh", "finance", """
                {"workspace": "finance", "name": "%s", "source": "%s",
                 "filter": {"data": {"state": [{"exists": false}]}},
                 "transformer": {"transformerType": "constant", "value": "constant test"},
                 "target": {"kind": "target.log", "config": {"label": "mesh"}}}""".formatted(name, source));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long id = response.json().path("id").asLong();
        assertThat(response.json().path("version").asInt()).isEqualTo(1);
        assertThat(response.header("Location")).endsWith("/api/flows/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().path("notes")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("$.filter.data.state[0]: EventMesh's exists: false matches no event");

        JsonNode flow = api.get("/api/flows/" + id, "finance").json().path("flow");
        assertThat(flow.path("nodes").findValuesAsText("kind"))
                .containsExactly("source", "filter", "template", "target.log");
        JsonNode versions = api.get("/api/flows/" + id + "/versions", "finance").json().path("versions");
        assertThat(versions.toString()).contains("Imported from Apache EventMesh rules");
        assertThat(api.get("/api/audit?action=flow.import&actor=finance", "auditor").body()).contains(name);
    }

    @Test
    void refusesWhoMayNotCreateFlowsThereAsTheJsonImportDoes() {
        String request = """
                {"workspace": "finance", "name": "%s", "source": "%s"}""".formatted(ApiCalls.unique("nope"), source);

        assertThat(api.call("POST", "/api/flows/import/eventmesh", "viewer", request).status()).isEqualTo(403);
        assertThat(api.call("POST", "/api/flows/import/eventmesh", "service", request).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/flows/import/eventmesh", null, request).status()).isEqualTo(401);
    }

    @Test
    void refusesInvalidRulesWithThePathInTheRequest() {
        Response missing = api.call("POST", "/api/flows/import/eventmesh", "finance", """
                {"filter": "x", "transformer": {"transformerType": "script"}}""");
        Response untranslatable = api.call("POST", "/api/flows/import/eventmesh", "finance", """
                {"workspace": "finance", "name": "%s", "source": "%s",
                 "filter": {"data": {"n": [{"numeric": [">", "x"]}]}}}""".formatted(ApiCalls.unique("bad"), source));
        Response invalidFlow = api.call("POST", "/api/flows/import/eventmesh", "finance", """
                {"workspace": "finance", "name": "%s", "source": "no.such.source",
                 "filter": {"data": {"m": [{"wildcard": 1}]}},
                 "target": {"kind": "target.http", "config": {"url": 7}}}""".formatted(ApiCalls.unique("bad")));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").findValuesAsText("path")).containsExactly("$.workspace", "$.name",
                "$.source", "$.filter", "$.transformer.transformerType");
        assertThat(untranslatable.status()).isEqualTo(400);
        assertThat(untranslatable.json().path("errors").findValuesAsText("path"))
                .containsExactly("$.filter.data.n[0].numeric[1]");
        assertThat(invalidFlow.status()).as(invalidFlow.body()).isEqualTo(400);
        assertThat(invalidFlow.json().path("errors").findValuesAsText("path")).contains("$.source",
                "$.target.config.url").anySatisfy(path -> assertThat(path).startsWith("$.filter.data.m[0]"));
    }

    private Imported importRules(String rules) {
        Response response = api.call("POST", "/api/flows/import/eventmesh", "finance", """
                {"workspace": "finance", "name": "%s", "source": "%s", %s}"""
                .formatted(ApiCalls.unique("eventmesh"), source, rules));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        List<String> notes = response.json().path("notes").valueStream().map(JsonNode::asText).toList();
        JsonNode flow = api.get("/api/flows/" + response.json().path("id").asLong(), "finance").json().path("flow");
        return new Imported(flow, notes);
    }

    /** What the flow's target receives from the event in a dry-run. */
    private List<JsonNode> delivered(Imported imported, String event) {
        Response run = api.call("POST", "/api/flows/dry-run", "finance",
                "{\"flow\": " + imported.flow() + ", \"events\": [" + event + "]}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode result = run.json().path("results").get(0);
        assertThat(result.path("failedAt").isMissingNode() || result.path("failedAt").isNull())
                .as("failed: %s", result).isTrue();
        return result.path("targets").path("target").valueStream().toList();
    }

    private record Imported(JsonNode flow, List<String> notes) {
    }
}
