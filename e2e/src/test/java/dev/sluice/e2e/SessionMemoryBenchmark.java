package dev.sluice.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What a steward's open editor costs the server in heap, with server push (the default) and without it
 * ({@code --sluice.ui.push=false}), in one run: each of {@value #SESSIONS} Chromium sessions signs in as the
 * finance steward and keeps the Run tab of a deployed flow open, which the server refreshes every 3 s. Heap is read
 * with {@code jcmd} after full collections; the first session is the baseline, so the figure is the heap each
 * further session adds. Prints figures and the ratio, never fails. Run with the designer benchmarks
 * ({@code ./mvnw -q -pl e2e -am -Pbench-designer -DskipTests verify}).
 */
public final class SessionMemoryBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 12);
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** {@code -Dbench.histogram=true} also prints which classes a session's heap is made of. */
    private static final boolean HISTOGRAM = Boolean.getBoolean("bench.histogram");
    /** A row of {@code GC.class_histogram}: "  12:  3456  789012  java.lang.String (java.base@25)". */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    private SessionMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double withoutPush = perSession(false);
        double withPush = perSession(true);
        System.out.printf("Heap per open steward session (Run tab of a deployed flow, %d sessions):%n", SESSIONS);
        System.out.printf("  without push (browser polls every 3 s): %8.0f KiB%n", withoutPush);
        System.out.printf("  with server push (default):             %8.0f KiB%n", withPush);
        System.out.printf("  push / no push: %.2fx; goal: at most 1.20x -> %s%n", withPush / withoutPush,
                withPush <= 1.2 * withoutPush ? "met" : "NOT met");
    }

    /** KiB of heap each session after the first adds, on a jar started with push on or off. */
    private static double perSession(boolean push) throws Exception {
        Path data = Files.createTempDirectory("sluice-bench-memory-");
        try (SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), SluiceProcess.freePort(),
                List.of("--sluice.ui.push=" + push), "sluice-bench-memory.log")) {
            long flow = deployedFlow(new SluiceApi(sluice.baseUrl()));
            List<WebDriver> browsers = new ArrayList<>();
            try {
                browsers.add(openRunTab(sluice.baseUrl(), flow));
                long first = heapAfterGc(sluice.pid());
                Map<String, Long> before = HISTOGRAM ? histogram(sluice.pid()) : Map.of();
                for (int i = 1; i < SESSIONS; i++) {
                    browsers.add(openRunTab(sluice.baseUrl(), flow));
                }
                Thread.sleep(10_000); // a few live refreshes in every session
                long all = heapAfterGc(sluice.pid());
                if (HISTOGRAM) {
                    printGrowth(push, before, histogram(sluice.pid()));
                }
                return (all - first) / (double) (SESSIONS - 1);
            } finally {
                browsers.forEach(WebDriver::quit);
            }
        }
    }

    private static WebDriver openRunTab(String baseUrl, long flow) {
        WebDriver driver = Browser.open();
        LoginPage.open(driver, baseUrl).signInExpectingSuccess("finance", "demo");
        FlowEditorPage editor = FlowEditorPage.open(driver, baseUrl, flow);
        editor.openTab("Run");
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("[data-counter='in']")).isEmpty());
        return driver;
    }

    private static long deployedFlow(SluiceApi api) {
        long flow = api.importFlow("finance", """
                {"schemaVersion": 1, "name": "bench-memory", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
                 "edges": [{"from": "users", "to": "ids"}, {"from": "ids", "to": "ledger"}]}""");
        api.deployAndAwaitRunning("finance", flow);
        return flow;
    }

    /** Class → bytes, from {@code jcmd GC.class_histogram} (which collects first). */
    private static Map<String, Long> histogram(long pid) throws IOException, InterruptedException {
        Map<String, Long> bytes = new HashMap<>();
        Matcher row = HISTOGRAM_ROW.matcher(jcmd(pid, "GC.class_histogram"));
        while (row.find()) {
            bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return bytes;
    }

    /** The classes whose instances grew most from the first session to all of them: what a session keeps. */
    private static void printGrowth(boolean push, Map<String, Long> before, Map<String, Long> after) {
        System.out.printf("  %s: growth per session by class (KiB)%n", push ? "with push" : "without push");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf("    %8.1f  %s%n", e.getValue() / 1024.0 / (SESSIONS - 1), e.getKey()));
    }

    /**
     * The least of three readings a second apart, each after two full collections: what the server keeps, without
     * what its background work (status sampling, the engine, logging) happens to hold at one moment.
     */
    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        long least = Long.MAX_VALUE;
        for (int reading = 0; reading < 3; reading++) {
            if (reading > 0) {
                Thread.sleep(1_000);
            }
            jcmd(pid, "GC.run");
            jcmd(pid, "GC.run");
            Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
            if (!used.find()) {
                throw new IllegalStateException("jcmd GC.heap_info said no heap use");
            }
            least = Math.min(least, Long.parseLong(used.group(1)));
        }
        return least;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
