package dev.sluice.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.FlowJson;

/**
 * Hostile templates against the real Velocity renderer: refused before they run, or failing their render with
 * exactly the stated reason within the budget. Also the measured escapes: the default introspector ran
 * {@code Runtime.exec} through {@code getClass().forName(...)}, and the default file loader read
 * {@code ../../../etc/hostname}.
 */
class TemplateAttackCorpusTest {

    static final JsonNode EVENT = FlowJson.parse("""
            {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.payment.updated",
             "data": {"userId": "U1", "name": "张三", "payment": {"bankAccount": "6222975432319482345"}}}""");
    static final TemplateRenderer renderer = new TemplateRenderer(TemplateLimits.defaults());

    static Stream<Arguments> refusedBeforeRendering() {
        return Stream.of(
                Arguments.of("#include of a file", "{\"x\": \"#include('../../../etc/hostname')\"}",
                        "line 1, column 8: #include is not available in Sluice templates: they render from the event "
                                + "alone, without files, other templates or macros"),
                Arguments.of("#parse of a file", "#parse('/etc/passwd')",
                        "line 1, column 1: #parse is not available in Sluice templates: they render from the event "
                                + "alone, without files, other templates or macros"),
                Arguments.of("#evaluate of built text", "#evaluate('#set($x = 1)')",
                        "line 1, column 1: #evaluate is not available in Sluice templates: they render from the event "
                                + "alone, without files, other templates or macros"),
                Arguments.of("macro recursion", "#macro(bomb $n)#bomb($n)#bomb($n)#end\n#bomb(1)",
                        "line 1, column 1: #macro is not available in Sluice templates: they render from the event "
                                + "alone, without files, other templates or macros"),
                Arguments.of("#define that renders itself", "#define($x)$x$x#end$x",
                        "line 1, column 1: #define is not available in Sluice templates: they render from the event "
                                + "alone, without files, other templates or macros"),
                Arguments.of("syntax error", "{\n  \"a\": #if($type\n}",
                        "line 3, column 1: Encountered \"}\""),
                Arguments.of("5,000 nested #if", "#if(true)".repeat(5_000) + "#end".repeat(5_000),
                        "line 1, column 895: nested 5001 deep; at most 100 levels"),
                Arguments.of("30,000 nested parentheses",
                        "#set($x = " + "(".repeat(30_000) + "1" + ")".repeat(30_000) + ")",
                        "line 1, column 110: nested 30001 deep; at most 100 levels"),
                Arguments.of("30,000 unclosed parentheses on the second line", "{}\n#if(" + "(".repeat(30_000),
                        "line 2, column 103: nested 30002 deep; at most 100 levels"),
                Arguments.of("3,000 nested lists", "#set($x = " + "[".repeat(3_000) + "]".repeat(3_000) + ")",
                        "line 1, column 110: nested 3001 deep; at most 100 levels"),
                Arguments.of("3,000 nested maps in a method call", "$json.quote(" + "{".repeat(3_000),
                        "line 1, column 112: nested 3001 deep; at most 100 levels"),
                Arguments.of("nested #foreach and formal references",
                        "#foreach($i in [1])${i}".repeat(200) + "#end".repeat(200),
                        "line 1, column 2270: nested 202 deep; at most 100 levels"));
    }

    static Stream<Arguments> failingRenders() {
        return Stream.of(
                Arguments.of("getClass().forName", "$data.getClass().forName('java.lang.Runtime').getRuntime().exec('id')",
                        "line 1, column 7: .getClass() is not available in templates: they may read event fields and "
                                + "call $json, $date and $mask, not methods of maps", false),
                Arguments.of(".class on a string", "$type.class.forName('java.lang.Runtime')",
                        "line 1, column 7: .class is not available in templates: only event fields can be read this "
                                + "way, not properties of strings", false),
                Arguments.of("getClass on the toolbox", "$json.getClass().getClassLoader()",
                        "line 1, column 7: .getClass() is not available in templates: they may read event fields and "
                                + "call $json, $date and $mask, not methods of this value", false),
                Arguments.of("#foreach over a huge range", "#foreach($i in [1..2000000000])#end",
                        "the template looped more than its limit of 100000 #foreach iterations", true),
                Arguments.of("nested loops", "#foreach($i in [1..1000])#foreach($j in [1..1000])#end#end",
                        "the template looped more than its limit of 100000 #foreach iterations", true),
                Arguments.of("string doubling", "#set($s = 'x')#foreach($i in [1..64])#set($s = $s + $s)#end",
                        "the template built more than its limit of 1000000 characters", true),
                Arguments.of("structure doubling", "#set($l = [1])#set($l = [$l, $l])",
                        "list and map literals in templates may hold only strings, numbers and booleans, not other "
                                + "lists or maps", false),
                Arguments.of("huge output", "#foreach($i in [1..90000])$data.payment.bankAccount#end",
                        "the template built more than its limit of 1000000 characters", true),
                Arguments.of("string growth by a Java method", "$type.repeat(1000000000)",
                        "line 1, column 7: .repeat() is not available in templates: they may read event fields and "
                                + "call $json, $date and $mask, not methods of strings", false),
                Arguments.of("changing the event", "#set($data.name = 'x')",
                        "line 1, column 6: templates cannot change values: #set a new variable instead of .name", false),
                Arguments.of("a toolbox call on a value it cannot read", "$date.format('yyyy', $data.name)",
                        "line 1, column 7: $date.format got a value that is not an ISO-8601 date or time nor epoch "
                                + "milliseconds, or a pattern that does not fit it", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeRendering")
    void refusesHostileTemplatesWhenTheyAreChecked(String name, String template, String problem) {
        assertThat(renderer.check(template)).extracting(TemplateProblem::toString).containsExactly(problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingRenders")
    void failsTheRenderWithAClearReasonWithinItsBudget(String name, String template, String outcome,
                                                       boolean overBudget) {
        assertThat(renderer.check(template)).isEmpty();
        CompiledTemplate compiled = renderer.compile(template, "inline");
        long started = System.nanoTime();

        TemplateFailure failure = catchThrowableOfType(TemplateFailure.class, () -> compiled.render(EVENT, Map.of()));

        assertThat(failure).as("the render must fail").isNotNull();
        assertThat(failure.getMessage()).isEqualTo(outcome).doesNotContain("6222975432319482345").doesNotContain("张三");
        assertThat(failure.isOverBudget()).as("over its budget").isEqualTo(overBudget);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(renderer.limits().timeBudget());
    }

    @Test
    void countsNoNestingInPlainTextCommentsOrUnparsedBlocks() {
        String many = "([{".repeat(1_000);
        assertThat(renderer.check(many + "\n## " + many + "\n#* " + many + " *#\n#[[" + many + "]]#\n\\#if("
                + many)).isEmpty();
    }

    @Test
    void rendersTemplatesNestedJustWithinTheLimitWithoutRunningOutOfStack() throws TemplateFailure {
        String parentheses = "#set($x = " + "(".repeat(98) + "1" + ")".repeat(98) + ")$x";
        String conditions = "#if(true)".repeat(99) + "$type" + "#end".repeat(99);

        assertThat(renderer.compile(parentheses, "inline").render(EVENT, Map.of())).isEqualTo("1");
        assertThat(renderer.compile(conditions, "inline").render(EVENT, Map.of())).isEqualTo("user.payment.updated");
    }

    @Test
    void keepsTheOutputValidJsonWhateverTheValuesHold() throws TemplateFailure {
        JsonNode event = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/s", "type": "t",
                 "data": {"name": "Zh\\"ang\\\\ \\"}, \\"admin\\": true, \\"x\\": {\\"", "note": "line\\nbreak\\u0001"}}""");
        String rendered = renderer.compile("""
                {"name": "$data.name", "quoted": $json.quote($data.name), "note": "$data.note", "all": $data}""", "inline")
                .render(event, Map.of());

        JsonNode output = FlowJson.parse(rendered);
        assertThat(output.get("name").asText()).isEqualTo(event.at("/data/name").asText());
        assertThat(output.get("quoted").asText()).isEqualTo(event.at("/data/name").asText());
        assertThat(output.get("note").asText()).isEqualTo("line\nbreak\u0001");
        assertThat(output.get("all")).isEqualTo(event.get("data"));
        assertThat(output.has("admin")).isFalse();
    }

    @Test
    void givesTemplatesTheEventAttributesDataAndTheToolbox() throws TemplateFailure {
        JsonNode event = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/s", "type": "user.contact.updated",
                 "time": "2026-11-20T08:02:00Z",
                 "data": {"phone": "19159083016", "email": "user0@mail.example.cn", "tags": ["a", "b"]}}""");

        String rendered = renderer.compile("""
                ["$type", "$event.id", "$mask.phone($data.phone)", "$mask.email($data.email)", \
                "$date.format('yyyy-MM-dd HH:mm', $time, 'Asia/Shanghai')", $data.tags.size(), \
                "#foreach($t in $data.tags)$t.toUpperCase()#end", $json.quote($data.missing), "$!data.missing"]""",
                "inline").render(event, Map.of());

        assertThat(FlowJson.parse(rendered)).isEqualTo(FlowJson.parse("""
                ["user.contact.updated", "e1", "191****3016", "u****@mail.example.cn", "2026-11-20 16:02", 2, "AB",
                 null, ""]"""));
    }
}
