package dev.sluice.pipeline.kind;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.sandbox.CompiledScript;
import dev.sluice.sandbox.ScriptFailure;
import dev.sluice.sandbox.ScriptProblem;
import dev.sluice.sandbox.ScriptSandbox;

/**
 * User JavaScript: {@code function process(event)} gets the CloudEvent as a plain object and returns an event,
 * {@code null} to drop it, or an array of events to split it; every returned event must be a CloudEvent. Runs in
 * the {@link ScriptSandbox} with its limits. The code's top level runs afresh for every event, so nothing one event
 * leaves behind is seen by the next.
 */
public final class ScriptNode implements NodeKind<ScriptNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("script", Config.class)
            .shownAs(NodeCategory.CODE, "vaadin:code", "Script",
                    "Transforms, drops or splits events with a JavaScript function process(event)")
            .withExample("""
                    {"code": "function process(event) {\\n  const account = String(event.data.payment.bankAccount);\\n  event.data.payment.bankAccount = '*'.repeat(Math.max(0, account.length - 4)) + account.slice(-4);\\n  return event;\\n}\\n"}
                    """)
            .describedBy(ScriptNode::describe);

    /** @param code JavaScript defining {@code function process(event)} */
    public record Config(@Setting(required = true, minLength = 1, title = "JavaScript",
            contentMediaType = "text/javascript", description = "function process(event) { ... } returning the event,"
            + " null to drop it or an array of events to split it") String code) {
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /**
     * The code's own first words: a leading comment, else its first statement inside {@code process} (the user's
     * text, so it reads in their language).
     */
    static String describe(JsonNode config) {
        return config.path("code").asText().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("function process") && !line.equals("{"))
                .map(line -> line.replaceFirst("^(//+|/\\*+|\\*+)\\s*", ""))
                .filter(line -> !line.isEmpty()).findFirst().orElse("");
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        for (ScriptProblem problem : ScriptSandbox.shared().check(config.code())) {
            problems.add(".code", problem.toString());
        }
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return new Step(ScriptSandbox.shared().compile(config.code()));
    }

    /** Holds the compiled script; its contexts are released when the flow version's pipeline is dropped. */
    private record Step(CompiledScript script) implements NodeStep {

        @Override
        public List<ObjectNode> apply(ObjectNode event) throws StepFailure {
            CompiledScript.Outcome outcome;
            try {
                outcome = script.process(event);
            } catch (ScriptFailure failure) {
                throw new StepFailure(failure.getMessage(), failure.isOverBudget() ? FailureKind.BUDGET
                        : failure.isTransient() ? FailureKind.TRANSIENT : FailureKind.PERMANENT, null);
            }
            JsonNode result = outcome.output();
            if (result == null) {
                return List.of();
            }
            if (outcome.keptAllButData()) {
                // as much a CloudEvent as it came (checking every attribute again was a fifth of a small script's cost)
                return List.of(event);
            }
            List<ObjectNode> events = new ArrayList<>();
            if (result.isObject()) {
                events.add(checked(result, ""));
            } else {
                for (int i = 0; i < result.size(); i++) {
                    events.add(checked(result.get(i), "[" + i + "]"));
                }
            }
            return events;
        }

        private static ObjectNode checked(JsonNode output, String index) throws StepFailure {
            Problems problems = new Problems();
            if (!CloudEventRules.check(output, problems)) {
                throw new StepFailure("process(event) returned" + (index.isEmpty() ? " an event" : " event " + index)
                        + " that is not a CloudEvent: " + String.join("; ", problems.all().stream()
                                .map(p -> p.path() + " " + p.message()).toList()));
            }
            return (ObjectNode) output;
        }

        @Override
        public String dropReason() {
            return "the script returned null";
        }
    }
}
