package dev.sluice.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.json.Json;

/**
 * The script node's cost against the Java {@code mask} node inside the jar users run, plain {@code java -jar} (the
 * optimized JavaScript runtime) and with {@code SLUICE_JAVASCRIPT_OPTIMIZED=false} (the interpreter): one flow of
 * the finance workspace sends every event of {@code user-center.users} through a script node masking a payment
 * reference (the last 4 characters kept) and, on a branch beside it, through a {@code mask} node doing the same;
 * events are published over HTTP, and each node's time per event is read from the engine's own
 * {@code sluice_node_duration_seconds} after a warm-up, in five windows of the measured events. Prints µs per event
 * and the ratio of the median window, each window's ratio beside it (goal on the plain command: at most 2×). Never fails a build;
 * {@code -Dbench.script.events} (100,000 measured after as many for warm-up: the compiler needs them on two busy
 * cores; after 30,000 the script node still took twice as long) sizes it.
 */
public final class ScriptOnJarBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.script.events", 100_000);
    private static final int WINDOWS = 5;
    private static final String SCRIPT = """
            function process(event) {
              const account = String(event.data.payment.reference);
              event.data.payment.reference = '*'.repeat(Math.max(0, account.length - 4)) + account.slice(-4);
              return event;
            }""";
    /**
     * Finance may receive the bank account only masked, and the privacy guard cannot tell what a script does to it,
     * so the flow keeps only the user id and a payment reference (no personal data) and both nodes mask the reference.
     */
    private static final String FLOW = """
            {"schemaVersion": 1, "name": "bench-script-vs-mask", "workspace": "finance",
             "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.payment.updated"]}},
                       {"id": "pick", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment.reference"]}},
                       {"id": "js", "kind": "script", "config": {"code": %s}},
                       {"id": "java", "kind": "mask", "config": {"rules": [{"path": "$.data.payment.reference",
                        "mode": "partial", "keepLast": 4}]}},
                       {"id": "out-js", "kind": "target.rabbitmq", "config": {"exchange": "ws.finance.bench-js", "routingKey": "e"}},
                       {"id": "out-java", "kind": "target.rabbitmq", "config": {"exchange": "ws.finance.bench-java", "routingKey": "e"}}],
             "edges": [{"from": "in", "to": "pick"}, {"from": "pick", "to": "js"}, {"from": "pick", "to": "java"},
                       {"from": "js", "to": "out-js"}, {"from": "java", "to": "out-java"}]}""";

    private ScriptOnJarBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("Script node vs mask node inside the jar: %,d events after %,d for warm-up%n", EVENTS,
                EVENTS);
        double[] optimized = measure("plain java -jar", Map.of());
        double[] interpreter = measure("SLUICE_JAVASCRIPT_OPTIMIZED=false", Map.of("SLUICE_JAVASCRIPT_OPTIMIZED",
                "false"));
        System.out.printf("script / mask: %.2fx on the plain command (goal <= 2), %.2fx on the interpreter%n",
                optimized[0] / optimized[1], interpreter[0] / interpreter[1]);
        System.exit(0);
    }

    /** µs per event of the script node and of the mask node. */
    private static double[] measure(String label, Map<String, String> environment) throws Exception {
        Path data = Files.createTempDirectory("sluice-bench-script-");
        try (SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), SluiceProcess.freePort(),
                List.of("--sluice.demo.flows=false"), environment, "sluice-bench-script.log")) {
            SluiceApi api = new SluiceApi(sluice.baseUrl());
            long flow = api.importFlow("finance", FLOW.formatted(new Json().toJson(SCRIPT)));
            api.deployAndAwaitRunning("finance", flow);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            IngestBenchmark.batches(http, sluice.baseUrl(), "user-center.users", EVENTS);
            awaitProcessed(api, flow, EVENTS);
            // the measured events in windows, each node's time per window: on two cores shared with the ingest and
            // the broker one window's figures can be twice another's, so the median window's is the figure
            List<double[]> windows = new java.util.ArrayList<>();
            double[] before = nodeTimes(api);
            for (int window = 1; window <= WINDOWS; window++) {
                IngestBenchmark.batches(http, sluice.baseUrl(), "user-center.users", EVENTS / WINDOWS);
                awaitProcessed(api, flow, EVENTS + (long) window * (EVENTS / WINDOWS));
                double[] after = nodeTimes(api);
                windows.add(new double[] {(after[0] - before[0]) / (after[1] - before[1]) * 1e6,
                        (after[2] - before[2]) / (after[3] - before[3]) * 1e6});
                before = after;
            }
            windows.sort(java.util.Comparator.comparingDouble(times -> times[0] / times[1]));
            double[] median = windows.get(windows.size() / 2);
            System.out.printf("%s: script node %.1f µs per event, mask node %.1f µs per event in the median window "
                    + "(%s); script / mask per window: %s%n", label, median[0], median[1], scriptRuntime(),
                    windows.stream().map(times -> "%.2fx".formatted(times[0] / times[1])).toList());
            return median;
        }
    }

    private static void awaitProcessed(SluiceApi api, long flow, long events) throws InterruptedException {
        Pattern in = Pattern.compile("\"js\":\\{\"in\":(\\d+)");
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher counted = in.matcher(api.call("finance", "GET", "/api/flows/" + flow + "/status", null).body());
            if (counted.find() && Long.parseLong(counted.group(1)) >= events) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the flow did not take " + events + " events within 10 minutes");
    }

    /** Seconds spent and events run by the script node, then by the mask node, as the engine exports them. */
    private static double[] nodeTimes(SluiceApi api) {
        HttpResponse<String> metrics = api.call("admin", "GET", "/actuator/prometheus", null);
        return new double[] {metric(metrics.body(), "sum", "js"), metric(metrics.body(), "count", "js"),
                metric(metrics.body(), "sum", "java"), metric(metrics.body(), "count", "java")};
    }

    private static double metric(String prometheus, String part, String node) {
        Matcher line = Pattern.compile("(?m)^sluice_node_duration_seconds_" + part + "\\{[^}]*node=\"" + node
                + "\"[^}]*} (\\S+)").matcher(prometheus);
        if (!line.find()) {
            throw new IllegalStateException("no sluice_node_duration_seconds_" + part + " of node " + node);
        }
        return Double.parseDouble(line.group(1));
    }

    private static String scriptRuntime() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("target", "sluice-bench-script.log"));
        for (String line : lines.reversed()) {
            if (line.contains("JavaScript sandbox: ")) {
                return line.substring(line.indexOf("JavaScript sandbox: ") + 20).replaceAll(":.*", "");
            }
        }
        return "runtime not logged";
    }
}
