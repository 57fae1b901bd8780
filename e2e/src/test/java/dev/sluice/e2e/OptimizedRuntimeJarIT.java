package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The plain {@code java -jar sluice.jar} runs scripts on the optimized JavaScript runtime, starting itself again with
 * the Graal compiler it carries, from the jar unpacked in the user's cache directory; a setting turns that off; a {@code kill -9} of the command users started stops
 * Sluice at once, as it would without the second process.
 */
class OptimizedRuntimeJarIT {

    private static final Duration WARM_UP = Duration.ofSeconds(60);

    @Test
    void thePlainCommandRunsScriptsCompiledAndAKillOfItStopsSluice() throws Exception {
        Path data = Files.createTempDirectory("sluice-e2e-runtime-");
        // under target/: a build's copy is reused by the next run and goes with mvn clean
        Path cache = Path.of("target", "sluice-cache").toAbsolutePath();
        String log = "sluice-e2e-runtime-optimized.log";
        SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), SluiceProcess.freePort(),
                List.of(), Map.of("XDG_CACHE_HOME", cache.toString()), log);
        try {
            assertThat(awaitLine(log, "JavaScript sandbox: ")).contains("on the optimized Truffle runtime")
                    .as("names the GraalJS release it runs").containsPattern("GraalJS \\d+\\.\\d+\\.\\d+ ");
            long running = sluice.pid();
            ProcessHandle sluiceJvm = ProcessHandle.of(running).orElseThrow();
            List<String> arguments = sluiceJvm.info().arguments().map(List::of).orElse(List.of());
            assertThat(arguments).contains("-XX:+EnableJVMCI");
            assertThat(arguments.get(arguments.indexOf("-jar") + 1)).as("runs from the jar unpacked in the cache")
                    .startsWith(cache.resolve("sluice").resolve("jar").toString()).endsWith("/sluice.jar");
            String output = Files.readString(Path.of("target", log));
            assertThat(output.substring(output.lastIndexOf("Sluice: starting on the optimized")))
                    .as("Truffle's use of sun.misc.Unsafe is allowed, without a warning at each start")
                    .doesNotContain("terminally deprecated method in sun.misc.Unsafe");

            sluice.killLauncher();

            assertThat(sluiceJvm.onExit()).succeedsWithin(Duration.ofSeconds(15));
        } finally {
            sluice.close();
        }
    }

    @Test
    void runsScriptsOnTheInterpreterWhenTheOptimizedRuntimeIsTurnedOff() throws Exception {
        Path data = Files.createTempDirectory("sluice-e2e-runtime-");
        String log = "sluice-e2e-runtime-interpreter.log";
        try (SluiceProcess sluice = SluiceProcess.start(data, SluiceProcess.freePort(), SluiceProcess.freePort(),
                List.of(), Map.of("SLUICE_JAVASCRIPT_OPTIMIZED", "false"), log)) {
            assertThat(awaitLine(log, "JavaScript sandbox: ")).contains("on the Truffle interpreter");
        }
    }

    /** The first line of the jar's log (this run's part of it) containing {@code text}, once it is there. */
    private static String awaitLine(String logName, String text) throws Exception {
        Path log = Path.of("target", logName);
        Instant deadline = Instant.now().plus(WARM_UP);
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = Files.readAllLines(log);
            for (String line : lines.reversed()) {
                if (line.contains(text)) {
                    return line;
                }
                if (line.contains("Starting SluiceApplication")) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no line with '" + text + "' in " + log + " within " + WARM_UP.toSeconds() + " s");
    }
}
