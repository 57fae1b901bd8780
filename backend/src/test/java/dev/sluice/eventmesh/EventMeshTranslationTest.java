package dev.sluice.eventmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.template.TemplateFailure;
import dev.sluice.template.TemplateRenderer;

/** EventMesh rules as a Sluice flow: the nodes, the rewritten conditions and templates, the notes, the refusals. */
class EventMeshTranslationTest {

    private static EventMeshImport.Translation translate(String rules) {
        return EventMeshImport.translate(FlowJson.parse("""
                {"workspace": "finance", "name": "from-eventmesh", "source": "user-center.users", %s}"""
                .formatted(rules)));
    }

    private static List<String> problems(String request) {
        InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class,
                () -> EventMeshImport.translate(FlowJson.parse(request)));
        assertThat(invalid).as("refused").isNotNull();
        return invalid.problems().stream().map(FlowProblem::path).toList();
    }

    private static JsonNode pattern(String filter) {
        return translate("\"filter\": " + filter).flow().at("/nodes/1/config/pattern");
    }

    private static List<String> notes(String filter) {
        return translate("\"filter\": " + filter).notes();
    }

    @Test
    void makesSourceFilterTemplateAndTargetInALine() {
        EventMeshImport.Translation translation = translate("""
                "filter": {"source": [{"prefix": "eventmesh."}]},
                "transformer": {"transformerType": "template", "value": "{\\"data-name\\": \\"$.data.name\\"}",
                                "template": "name is ${data-name}"},
                "target": {"kind": "target.http", "config": {"url": "http://ledger.internal/events"}}""");

        JsonNode flow = translation.flow();
        assertThat(flow.path("nodes").findValuesAsText("kind"))
                .containsExactly("source", "filter", "template", "target.http");
        assertThat(flow.path("nodes").get(0).path("config")).isEqualTo(FlowJson.parse("{\"source\": \"user-center.users\"}"));
        assertThat(flow.path("nodes").get(2).path("config")).isEqualTo(FlowJson.parse("""
                {"template": "name is ${data-name}", "variables": {"data-name": "$.data.name"}}"""));
        assertThat(flow.path("edges").toString()).isEqualTo("[{\"from\":\"source\",\"to\":\"filter\"},"
                + "{\"from\":\"filter\",\"to\":\"transformer\"},{\"from\":\"transformer\",\"to\":\"target\"}]");
        assertThat(flow.path("layout").size()).isEqualTo(4);
        assertThat(translation.notes()).isEmpty();
    }

    @Test
    void withoutRulesPassesEveryEventToALogTarget() {
        JsonNode flow = translate("\"filter\": null, \"transformer\": {\"transformerType\": \"original\"}").flow();

        assertThat(flow.path("nodes").findValuesAsText("kind")).containsExactly("source", "target.log");
        assertThat(translate("\"filter\": {}").flow().path("nodes").findValuesAsText("kind"))
                .containsExactly("source", "target.log");
    }

    @Test
    void keepsAPatternRulerReadsAlikeAsWrittenWithoutNotes() {
        String filter = """
                {"source": [{"prefix": "eventmesh."}], "subject": [{"suffix": ".jpg"}],
                 "data": {"state": ["enable"], "name": [{"anything-but": {"prefix": "x"}}]}}""";

        assertThat(pattern(filter)).isEqualTo(FlowJson.parse(filter));
        assertThat(notes(filter)).singleElement().asString().startsWith("$.filter.data.name[0].anything-but: "
                + "EventMesh's anything-but also matches events without data.name");
    }

    @Test
    void notesExistsByItsValue() {
        assertThat(notes("{\"data\": {\"state\": [{\"exists\": false}]}}")).singleElement().asString()
                .startsWith("$.filter.data.state[0]: EventMesh's exists: false matches no event");
        assertThat(notes("{\"data\": {\"state\": [{\"exists\": true}]}}")).singleElement().asString()
                .startsWith("$.filter.data.state[0]: EventMesh's exists: true matches every event");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [10]            | also matches the string "10" (and not 10.0)
            ["10"]          | also matches 10 written without quotes
            [true]          | also matches the string "true"
            [null]          | EventMesh's null also matches events without data.num and the text "null"
            [{"prefix": "1"}] | also matches numbers
            [{"prefix": "nu"}] | also matches events without data.num (read as null)
            [{"suffix": "e"}] | also matches true/false values
            """)
    void notesWhereEventMeshComparesAsText(String conditions, String note) {
        assertThat(notes("{\"data\": {\"num\": " + conditions + "}}")).singleElement().asString()
                .startsWith("$.filter.data.num[0]: ").contains(note);
    }

    @Test
    void writesNumericAsRulerTakesItAndNotesThatEventMeshPassesNonNumbers() {
        assertThat(pattern("{\"data\": {\"n\": [{\"numeric\": [\">\", 0, \">\", 5, \"<=\", 10, \"<\", 10]}]}}"))
                .isEqualTo(FlowJson.parse("{\"data\": {\"n\": [{\"numeric\": [\">\", 5, \"<\", 10]}]}}"));
        assertThat(pattern("{\"data\": {\"n\": [{\"numeric\": [\"!=\", 5]}]}}"))
                .isEqualTo(FlowJson.parse("{\"data\": {\"n\": [{\"anything-but\": [5]}]}}"));
        assertThat(pattern("{\"data\": {\"n\": [{\"numeric\": [\"=\", 50.7, \">\", 1]}]}}"))
                .isEqualTo(FlowJson.parse("{\"data\": {\"n\": [{\"numeric\": [\"=\", 50.7]}]}}"));
        assertThat(notes("{\"data\": {\"n\": [{\"numeric\": [\">\", 0]}]}}")).singleElement().asString()
                .isEqualTo("$.filter.data.n[0]: EventMesh's numeric lets through every value that is not a number "
                        + "(a string such as \"5\", an event without data.n); Sluice's matches JSON numbers only");
    }

    @Test
    void keepsTheFirstOperatorOfAConditionAsEventMeshReadsIt() {
        assertThat(pattern("{\"subject\": [{\"suffix\": \".jpg\", \"prefix\": \"x\"}]}"))
                .isEqualTo(FlowJson.parse("{\"subject\": [{\"suffix\": \".jpg\"}]}"));
        assertThat(notes("{\"subject\": [{\"suffix\": \".jpg\", \"prefix\": \"x\"}]}")).singleElement().asString()
                .contains("reads only the first operator of a condition, 'suffix', and ignores 'prefix'");
        assertThat(pattern("{\"data\": {\"s\": [{\"specified\": \"on\"}]}}"))
                .isEqualTo(FlowJson.parse("{\"data\": {\"s\": [\"on\"]}}"));
    }

    @Test
    void refusesWhatEventMeshCannotMeanWithThePathInTheRequest() {
        assertThat(problems("""
                {"workspace": "finance", "name": "x", "source": "s", "filter": {"data": {"state": "enable",
                 "n": [{"numeric": [">", 5, "!=", 7]}], "m": [{}]}}}"""))
                .containsExactly("$.filter.data.state", "$.filter.data.n[0].numeric", "$.filter.data.m[0]");
    }

    @Test
    void refusesMissingFieldsAWrongFilterTransformerOrTarget() {
        assertThat(problems("{\"filter\": [1], \"transformer\": {\"transformerType\": \"ORIGINAL\"}, \"target\": 3}"))
                .containsExactly("$.workspace", "$.name", "$.source", "$.filter", "$.transformer.transformerType",
                        "$.target");
        assertThat(problems("[]")).containsExactly("$");
        assertThat(problems("""
                {"workspace": "w", "name": "x", "source": "s",
                 "transformer": {"transformerType": "template", "value": "{\\"a\\": {\\"b\\": 1}}", "template": ""}}"""))
                .containsExactly("$.transformer.value.a", "$.transformer.template");
        assertThat(problems("""
                {"workspace": "w", "name": "x", "source": "s", "transformer": {"transformerType": "constant"}}"""))
                .containsExactly("$.transformer.value");
    }

    @Test
    void givesAConstantAsLiteralTextEvenWhereVelocityWouldReadIt() throws TemplateFailure {
        String constant = "## not a comment, $data and #if stay, \\\\ too, ]]# and all";
        JsonNode config = translate("\"transformer\": {\"transformerType\": \"constant\", \"value\": "
                + TextNode.valueOf(constant) + "}").flow().at("/nodes/1/config");

        assertThat(render(config.path("template").asText(), Map.of())).isEqualTo(constant);
    }

    @Test
    void readsTheTemplateAsStringSubstitutorDoes() throws TemplateFailure {
        EventMeshImport.Translation translation = translate("""
                "transformer": {"transformerType": "template",
                  "value": {"data.name": "$.data.name", "data": "$.data.num", "all": "$.data.list[*]", "c": "constant"},
                  "template": "#${data.name} ${data}/$${data} ${nope:-dflt} ${nope} ${all} ${c} ##"}""");
        JsonNode config = translation.flow().at("/nodes/1/config");

        assertThat(config.path("variables")).isEqualTo(FlowJson.parse("""
                {"data_name": "$.data.name", "data_2": "$.data.num", "c": "constant"}"""));
        assertThat(render(config.path("template").asText(), Map.of("data_name", TextNode.valueOf("N"),
                "data_2", FlowJson.parse("100"), "c", TextNode.valueOf("constant"))))
                .isEqualTo("#N 100/${data} dflt ${nope} $.data.list[*] constant ##");
        assertThat(translation.notes()).containsExactly(
                "$.transformer.value['data.name']: the variable 'data.name' is 'data_name' in Sluice, whose names are "
                        + "letters, digits, _ and inner -",
                "$.transformer.value.data: the variable 'data' is 'data_2' in Sluice, whose names are letters, "
                        + "digits, _ and inner -");
    }

    @Test
    void notesWhenTheOutputIsJsonOrLooksLikeIt() {
        assertThat(translate("""
                "transformer": {"transformerType": "template", "value": "{\\"n\\": \\"$.data.name\\"}",
                                "template": "{\\"name\\": \\"${n}\\"}"}""").notes())
                .singleElement().asString().startsWith("$.transformer.template: the output is JSON");
        assertThat(translate("""
                "transformer": {"transformerType": "constant", "value": "{name: x}"}""").notes())
                .singleElement().asString().startsWith("$.transformer.value: the output starts like JSON but is not");
        assertThat(translate("""
                "transformer": {"transformerType": "constant", "value": "constant test"}""").notes()).isEmpty();
    }

    @Test
    void placesFlowProblemsAtTheirPlaceInTheRequest() {
        EventMeshImport.Translation translation = translate("""
                "filter": {"data": {"n": [1]}}, "transformer": {"transformerType": "constant", "value": "x"},
                "target": {"kind": "target.http", "config": {"url": 1}}""");

        assertThat(translation.requestPath("$.nodes[0].config.source")).isEqualTo("$.source");
        assertThat(translation.requestPath("$.nodes[1].config.pattern.data.n[0]")).isEqualTo("$.filter.data.n[0]");
        assertThat(translation.requestPath("$.nodes[2].config.template")).isEqualTo("$.transformer.template");
        assertThat(translation.requestPath("$.nodes[3].config.url")).isEqualTo("$.target.config.url");
        assertThat(translation.requestPath("$.name")).isEqualTo("$.name");
    }

    private static String render(String template, Map<String, JsonNode> variables) throws TemplateFailure {
        assertThat(TemplateRenderer.shared().check(template)).isEmpty();
        return TemplateRenderer.shared().compile(template, "inline").render(FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/s", "type": "t", "data": {}}"""), variables);
    }
}
