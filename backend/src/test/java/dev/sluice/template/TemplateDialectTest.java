package dev.sluice.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;

/**
 * Where Sluice's templates follow Apache EventMesh's template transformer rather than plain Velocity: hyphenated
 * variable names, {@code null} for a variable that found nothing, and text rendered without JSON escaping.
 */
class TemplateDialectTest {

    private static final JsonNode EVENT = FlowJson.parse("""
            {"specversion": "1.0", "id": "e1", "source": "/s", "type": "t",
             "data": {"name": "test-transformer", "quote": "say \\"hi\\""}}""");
    private static final TemplateRenderer renderer = TemplateRenderer.shared();

    @Test
    void insertsAHyphenatedVariableWrittenWithBraces() throws TemplateFailure {
        assertThat(render("name is ${data-name}", Map.of("data-name", TextNode.valueOf("x")))).isEqualTo("name is x");
        assertThat(render("${a-b}/${a-b}/${c-d}", Map.of("a-b", TextNode.valueOf("1"), "c-d", TextNode.valueOf("2"))))
                .isEqualTo("1/1/2");
    }

    @Test
    void leavesABracedHyphenatedNameThatIsNoVariableAsWritten() throws TemplateFailure {
        assertThat(render("num is ${data-num}", Map.of())).isEqualTo("num is ${data-num}");
    }

    @Test
    void keepsVelocitysMeaningOfAHyphenBetweenReferences() throws TemplateFailure {
        assertThat(render("$type-$id", Map.of())).isEqualTo("t-e1");
        assertThat(render("$data.name-x", Map.of())).isEqualTo("test-transformer-x");
    }

    @Test
    void leavesCommentsUnparsedTextAndEscapedReferencesAlone() throws TemplateFailure {
        Map<String, JsonNode> variables = Map.of("data-name", TextNode.valueOf("x"));

        assertThat(render("#[[${data-name}]]#${data-name}", variables)).isEqualTo("${data-name}x");
        assertThat(render("a## ${data-name}\nb#* ${data-name} *#c", variables)).doesNotContain("x", "_");
    }

    @Test
    void reportsASyntaxErrorWhereTheAuthorWroteIt() {
        assertThat(renderer.check("${data-name} #if(")).singleElement()
                .satisfies(problem -> assertThat(problem.toString()).startsWith("line 1, column 18"));
    }

    @Test
    void insertsNullForAVariableThatFoundNothingOrNull() throws TemplateFailure {
        Map<String, JsonNode> variables = new HashMap<>();
        variables.put("missing", null);
        variables.put("data-null", NullNode.getInstance());

        assertThat(render("$missing ${missing} ${data-null}", variables)).isEqualTo("null null null");
        assertThat(render("[$!missing]#if($missing)set#end", variables)).isEqualTo("[]");
        assertThat(render("$undeclared $data.nothing", variables)).isEqualTo("$undeclared $data.nothing");
    }

    @Test
    void escapesStringsForJsonButRendersTextAsItIs() throws TemplateFailure {
        CompiledTemplate template = renderer.compile("said $data.quote", "inline");

        assertThat(template.render(EVENT, Map.of())).isEqualTo("said say \\\"hi\\\"");
        assertThat(template.renderText(EVENT, Map.of())).isEqualTo("said say \"hi\"");
    }

    @Test
    void eventMeshLibraryTemplateInsertsNullForAMissingName() throws TemplateFailure {
        Map<String, JsonNode> variables = new HashMap<>();
        variables.put("name", null);

        assertThat(renderer.compile(TemplateRenderer.library("eventmesh-jsonpath").orElseThrow(), "eventmesh-jsonpath")
                .render(EVENT, variables).strip()).isEqualTo("\"Transformers test:data name is null\"");
    }

    private static String render(String text, Map<String, JsonNode> variables) throws TemplateFailure {
        return renderer.compile(text, "inline").render(EVENT, variables);
    }
}
