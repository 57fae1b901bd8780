package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.pipeline.ValidationContext;

/** The script and template kinds in a flow, as the engine, dry-run and {@code flow test} run them. */
class ScriptAndTemplateNodesTest {

    private static final FlowValidator validator = new FlowValidator(NodeRegistry.builtIn());
    private static final String EVENT = """
            {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.payment.updated",
             "time": "2026-11-20T08:02:00Z", "datacontenttype": "application/json",
             "data": {"userId": "U1", "changedAt": "2026-11-20T08:02:00Z", "name": "张三",
                      "nationalId": "330108199611071208",
                      "payment": {"method": "card", "bankAccount": "6222975432319482345", "bankName": "BOC",
                                  "monthlyLimit": 5000, "currency": "CNY"}}}""";

    private static String flow(String kind, String config) {
        return """
                {"schemaVersion": 1, "name": "nodes-test", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "step", "kind": "%s", "config": %s},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "step"}, {"from": "step", "to": "out"}]}""".formatted(kind, config);
    }

    private static List<String> problems(String kind, String config) {
        InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class,
                () -> validator.read(flow(kind, config), ValidationContext.standalone("finance")));
        return invalid == null ? List.of() : invalid.problems().stream().map(p -> p.path() + " " + p.message()).toList();
    }

    private static EventTrace run(String kind, String config) {
        return run(kind, config, EVENT);
    }

    private static EventTrace run(String kind, String config, String event) {
        Flow flow = validator.read(flow(kind, config), ValidationContext.standalone("finance"));
        return Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance", flow.name()))
                .trace(FlowJson.parse(event));
    }

    /** How the engine sees the node fail. */
    private static PipelineFailure failure(String kind, String config) {
        Flow flow = validator.read(flow(kind, config), ValidationContext.standalone("finance"));
        Pipeline pipeline = Pipeline.compile(flow, NodeRegistry.builtIn(),
                CompileContext.standalone("finance", flow.name()));
        return catchThrowableOfType(PipelineFailure.class, () -> pipeline.run((ObjectNode) FlowJson.parse(EVENT)));
    }

    private static List<ObjectNode> delivered(EventTrace trace) {
        assertThat(trace.failedAt()).as("failed with %s", trace.steps()).isNull();
        return trace.targets().get("out");
    }

    private static String code(String javascript) {
        return Json.MAPPER.createObjectNode().put("code", javascript).toString();
    }

    @Test
    void reportsScriptSyntaxErrorsAtTheCodeWithLineAndColumn() {
        assertThat(problems("script", code("function process(event) {\n  let x = ;\n}")))
                .containsExactly("$.nodes[1].config.code line 2, column 11: Expected an operand but found ;");
        assertThat(problems("script", code("function handle(event) { return event; }")))
                .containsExactly("$.nodes[1].config.code defines no function process(event): write "
                        + "function process(event) { ... return event; }");
    }

    @Test
    void reportsTemplatesAndScriptsNestedTooDeeplyAtTheirTextWithLineAndColumn() {
        String template = Json.MAPPER.createObjectNode()
                .put("template", "#if(true)".repeat(5_000) + "#end".repeat(5_000)).toString();
        assertThat(problems("template", template)).containsExactly(
                "$.nodes[1].config.template line 1, column 895: nested 5001 deep; at most 100 levels");
        assertThat(problems("script", code("function process(event) {\n  return " + "[".repeat(40_000) + ";\n}")))
                .containsExactly("$.nodes[1].config.code line 2, column 109: nested 40001 deep; at most 100 levels");
    }

    @Test
    void scriptMasksDropsAndSplitsEvents() {
        List<ObjectNode> masked = delivered(run("script", code("""
                function process(event) {
                  const account = event.data.payment.bankAccount;
                  event.data.payment.bankAccount = '*'.repeat(account.length - 4) + account.slice(-4);
                  return event;
                }""")));
        assertThat(masked).singleElement().extracting(e -> e.at("/data/payment/bankAccount").asText())
                .isEqualTo("***************2345");

        EventTrace dropped = run("script", code("function process(event) { return null; }"));
        assertThat(dropped.steps().get(1).dropped()).isTrue();
        assertThat(dropped.steps().get(1).reason()).isEqualTo("the script returned null");

        List<ObjectNode> split = delivered(run("script", code("""
                function process(event) {
                  return ['a', 'b'].map((part) => ({...event, id: event.id + '-' + part, data: {part}}));
                }""")));
        assertThat(split).extracting(e -> e.get("id").asText()).containsExactly("e1-a", "e1-b");
    }

    @Test
    void scriptFailureNamesTheNodeAndThePlaceButNoValue() {
        EventTrace trace = run("script", code("function process(event) {\n  return event.data.missing.field;\n}"));

        assertThat(trace.failedAt()).isEqualTo("step");
        assertThat(trace.steps().getLast().error())
                .isEqualTo("line 2, column 10: process(event) threw TypeError at `event.data.missing.field`");
    }

    @Test
    void scriptThatRunsOutOfItsBudgetFailsAsABudgetFailure() {
        PipelineFailure failure = failure("script", code("function process(event) { while (true) {} }"));

        assertThat(failure.node()).isEqualTo("step");
        assertThat(failure.kind()).isEqualTo(FailureKind.BUDGET);
    }

    @Test
    void scriptThatThrowsFailsPermanentlyEvenWhenItsCodeTalksOfABudget() {
        PipelineFailure failure = failure("script", code("function process(event) { throw new Error('budget'); }"));

        assertThat(failure.getMessage()).contains("threw Error").contains("budget");
        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void templateThatLoopsPastItsLimitFailsAsABudgetFailureAndBrokenOutputPermanently() {
        assertThat(failure("template", "{\"template\": \"#foreach($i in [1..2000000000])#end\"}").kind())
                .isEqualTo(FailureKind.BUDGET);
        assertThat(failure("template", "{\"template\": \"{\\\"a\\\": \"}").kind())
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void scriptOutputMustBeACloudEvent() {
        EventTrace trace = run("script", code("function process(event) { return {data: event.data}; }"));

        assertThat(trace.steps().getLast().error()).isEqualTo("process(event) returned an event that is not a "
                + "CloudEvent: $.specversion is required; $.id is required; $.source is required; $.type is required");
    }

    @Test
    void anEventChangedInPlaceIsCheckedAgainWhenItsAttributesChanged() {
        assertThat(run("script", code("function process(event) { event.time = 'yesterday'; return event; }"))
                .steps().getLast().error()).startsWith("process(event) returned an event that is not a CloudEvent: "
                        + "$.time must be an RFC 3339 timestamp");
        assertThat(run("script", code("function process(event) { delete event.id; return event; }"))
                .steps().getLast().error()).endsWith("$.id is required");
        assertThat(run("script", code("""
                function process(event) { Object.assign(event, {source: ''}); return event; }"""))
                .steps().getLast().error()).contains("$.source");
        assertThat(run("script", code("""
                function process(event) { event.datacontenttype = 'text/plain'; return event; }"""))
                .steps().getLast().error()).contains("$.data must be a string, because datacontenttype text/plain");
        assertThat(run("script", code("""
                function process(event) { event.data = 'plain text'; event.datacontenttype = 'text/plain';
                                          return event; }""")).failedAt()).isNull();
    }

    @Test
    void anEventWhoseDataTheScriptTurnedIntoAnotherKindIsCheckedAgain() {
        String text = EVENT.replace("application/json", "text/plain").replaceAll("(?s)\"data\": \\{.*}}$",
                "\"data\": \"hello\"}");
        assertThat(run("script", code("function process(event) { return event; }"), text).failedAt()).isNull();

        assertThat(run("script", code("function process(event) { event.data = {greeting: event.data}; return event; }"),
                text).steps().getLast().error()).contains("$.data must be a string, because datacontenttype text/plain");
        assertThat(run("script", code("""
                function process(event) { event.data = {greeting: event.data}; event.data = 'bye'; return event; }"""),
                text).failedAt()).isNull();
    }

    @Test
    void anEventWhoseAttributesTheScriptLeftAloneIsNotRefused() {
        List<ObjectNode> out = delivered(run("script", code("""
                function process(event) { event.data.payment.bankAccount = 'masked'; return event; }""")));

        assertThat(out).singleElement().satisfies(event -> assertThat(event.at("/data/payment/bankAccount").asText())
                .isEqualTo("masked"));
    }

    @Test
    void reportsTemplateProblemsAtTheTemplateOrTheLibrary() {
        assertThat(problems("template", "{\"template\": \"{\\\"a\\\": $data.getClass()}\\n#include('x')\"}"))
                .containsExactly("$.nodes[1].config.template line 2, column 1: #include is not available in Sluice "
                        + "templates: they render from the event alone, without files, other templates or macros");
        assertThat(problems("template", "{\"library\": \"nope\"}")).containsExactly("$.nodes[1].config.library no "
                + "library template is named 'nope' (there are: customer-service-contact-card, eventmesh-jsonpath, "
                + "finance-payment-record, pii-free-summary)");
        assertThat(problems("template", "{\"template\": \"x\", \"variables\": {\"data\": \"$.data\", \"ok\": \"$..x\"}}"))
                .containsExactly("$.nodes[1].config.variables.data 'data' is already a template variable; choose "
                        + "another name", "$.nodes[1].config.variables.ok invalid JSONPath '$..x' at position 3: deep "
                        + "scan (..) is not supported: name the path exactly or use [*]");
    }

    @Test
    void templateOutputBecomesTheDataAndKeepsTheAttributes() {
        ObjectNode event = delivered(run("template", "{\"library\": \"finance-payment-record\"}")).getFirst();

        assertThat(event.get("id").asText()).isEqualTo("e1");
        assertThat(event.get("type").asText()).isEqualTo("user.payment.updated");
        assertThat(event.get("data")).isEqualTo(FlowJson.parse("""
                {"recordType": "payment", "eventId": "e1", "userId": "U1", "changedAt": "2026-11-20T08:02:00Z",
                 "method": "card", "bankName": "BOC", "bankAccount": "***************2345", "currency": "CNY",
                 "monthlyLimit": 5000}"""));
    }

    @Test
    void templateRenderingACloudEventReplacesTheEvent() {
        ObjectNode event = delivered(run("template", """
                {"template": "{\\"specversion\\": \\"1.0\\", \\"id\\": \\"$id-ledger\\", \\"source\\": \\"/sluice/finance\\", \\"type\\": \\"ledger.payment\\", \\"data\\": {\\"user\\": \\"$data.userId\\"}}"}""")).getFirst();

        assertThat(event).isEqualTo(FlowJson.parse("""
                {"specversion": "1.0", "id": "e1-ledger", "source": "/sluice/finance", "type": "ledger.payment",
                 "data": {"user": "U1"}}"""));
    }

    @Test
    void templateRenderingNothingDropsAndRenderingBrokenJsonFails() {
        EventTrace dropped = run("template", "{\"template\": \"#if($data.payment.currency == 'USD'){}#end\"}");
        assertThat(dropped.steps().getLast().reason()).isEqualTo("the template rendered nothing");

        EventTrace failed = run("template", "{\"template\": \"{name: $data.name}\"}");
        assertThat(failed.steps().getLast().error())
                .isEqualTo("the template rendered text that is not JSON (output line 1, column 2)");
    }

    @Test
    void templateRenderingTextGivesTextData() {
        ObjectNode event = delivered(run("template", "{\"template\": \"name: $data.name\"}")).getFirst();

        assertThat(event.get("data").asText()).isEqualTo("name: 张三");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("text/plain");
    }

    @Test
    void eventMeshTemplatesKeepWorkingWithJsonPathVariables() {
        ObjectNode event = delivered(run("template", """
                {"library": "eventmesh-jsonpath", "variables": {"name": "$.data.name"}}""")).getFirst();

        JsonNode data = event.get("data");
        assertThat(data.asText()).isEqualTo("Transformers test:data name is 张三");
    }
}
