package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowTestRunner;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/**
 * {@code sluice flow test <flow.json> [events.jsonl] [--secret name=value]... [--json]}: validates the flow,
 * runs the given events through it (as dry-run does) and runs the flow's stored tests. Exit code 0 when
 * everything passed, 1 when a stored test failed, 2 when the flow is invalid or the command is wrong.
 */
public final class FlowCommand {

    private static final String USAGE = "usage: java -jar sluice.jar flow test <flow.json> [events.jsonl] "
            + "[--secret name=value]... [--json]";

    private final PrintStream out;
    private final PrintStream err;

    public FlowCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** True when the arguments ask for this command rather than for the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("flow");
    }

    public int run(String[] args) {
        List<String> positional = new ArrayList<>();
        Map<String, byte[]> secrets = new HashMap<>();
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--secret" -> {
                    if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                        err.println("--secret needs name=value\n" + USAGE);
                        return 2;
                    }
                    String[] pair = args[++i].split("=", 2);
                    secrets.put(pair[0], pair[1].getBytes(StandardCharsets.UTF_8));
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.isEmpty() || !positional.get(0).equals("test") || positional.size() < 2 || positional.size() > 3) {
            err.println(USAGE);
            return 2;
        }
        try {
            return test(Path.of(positional.get(1)), positional.size() == 3 ? Path.of(positional.get(2)) : null,
                    secrets, json);
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
    }

    private int test(Path flowFile, Path eventsFile, Map<String, byte[]> secrets, boolean json) throws IOException {
        NodeRegistry registry = NodeRegistry.builtIn();
        JsonNode document;
        Flow flow;
        try {
            document = FlowJson.parse(Files.readString(flowFile));
            String workspace = document.path("workspace").asText("");
            flow = new FlowValidator(registry).check(document, ValidationContext.standalone(workspace));
        } catch (InvalidFlowException e) {
            err.println(flowFile + " is not a valid flow:");
            for (FlowProblem problem : e.problems()) {
                err.println("  " + problem.path() + ": " + problem.message());
            }
            return 2;
        }
        Pipeline pipeline;
        try {
            pipeline = Pipeline.compile(flow, registry, new CompileContext(flow.workspace(), flow.name(),
                    name -> Optional.ofNullable(secrets.get(name))));
        } catch (IllegalStateException e) {
            err.println(flowFile + " cannot run: " + e.getMessage() + " (give it with --secret name=value)");
            return 2;
        }
        List<EventTrace> traces = new ArrayList<>();
        if (eventsFile != null) {
            int line = 0;
            for (String text : Files.readAllLines(eventsFile)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = FlowJson.parse(text);
                } catch (InvalidFlowException e) {
                    event = Json.MAPPER.createObjectNode().put("invalid", "line " + line);
                }
                traces.add(pipeline.trace(event));
            }
        }
        List<FlowTestRunner.Result> results = FlowTestRunner.run(pipeline);
        boolean passed = results.stream().allMatch(FlowTestRunner.Result::passed);
        if (json) {
            ObjectNode report = Json.MAPPER.createObjectNode();
            report.set("results", Json.MAPPER.valueToTree(traces));
            report.set("tests", Json.MAPPER.valueToTree(results));
            report.put("passed", passed);
            out.println(report.toPrettyString());
        } else {
            print(flow, traces, results);
        }
        return passed ? 0 : 1;
    }

    private void print(Flow flow, List<EventTrace> traces, List<FlowTestRunner.Result> results) {
        out.println("flow " + flow.name() + " (" + flow.workspace() + "): " + flow.nodes().size() + " nodes");
        for (EventTrace trace : traces) {
            out.println("event " + (trace.eventId() == null ? "(no id)" : trace.eventId()) + ": " + outcome(trace));
        }
        if (!traces.isEmpty()) {
            long delivered = traces.stream().filter(t -> t.failedAt() == null
                    && t.targets().values().stream().anyMatch(list -> !list.isEmpty())).count();
            long failed = traces.stream().filter(t -> t.failedAt() != null).count();
            out.println(traces.size() + " events: " + delivered + " delivered, " + failed + " failed, "
                    + (traces.size() - delivered - failed) + " dropped");
        }
        for (FlowTestRunner.Result result : results) {
            out.println((result.passed() ? "PASS " : "FAIL ") + result.name());
            result.failures().forEach(failure -> out.println("     " + failure));
        }
        long passed = results.stream().filter(FlowTestRunner.Result::passed).count();
        out.println(results.isEmpty() ? "no stored tests" : passed + "/" + results.size() + " tests passed");
    }

    private static String outcome(EventTrace trace) {
        if (trace.failedAt() != null) {
            return "failed at " + trace.failedAt() + ": " + trace.steps().get(trace.steps().size() - 1).error();
        }
        List<String> delivered = new ArrayList<>();
        trace.targets().forEach((target, events) -> {
            if (!events.isEmpty()) {
                delivered.add(target + " ← " + events.size());
            }
        });
        if (!delivered.isEmpty()) {
            return String.join(", ", delivered);
        }
        return trace.steps().stream().filter(s -> Boolean.TRUE.equals(s.dropped())).findFirst()
                .map(s -> "dropped by " + s.node() + " (" + s.reason() + ")")
                .orElse("reached no target");
    }
}
