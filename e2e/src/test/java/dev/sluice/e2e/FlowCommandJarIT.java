package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar sluice.jar flow test ...} as CI pipelines of flows kept in git run it: no server, exit codes. */
class FlowCommandJarIT {

    private static final Path FLOWS = Path.of("../backend/src/test/resources/flows");
    private static final Path SAMPLES = Path.of("../backend/src/test/resources/samples/user-center-events.jsonl");

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("sluice.jar", "../designer/target/sluice.jar")).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void testsTheFinanceSampleFlowOnTheSampleEventsWithoutAServer() throws Exception {
        Run run = run("flow", "test", FLOWS.resolve("valid/finance-payment-sync.flow.json").toString(), SAMPLES.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("60 events: 12 delivered, 0 failed, 48 dropped", "2/2 tests passed")
                .doesNotContain("Started SluiceApplication");
    }

    @Test
    void printsPureJsonWithScriptAndTemplateNodesWhenAskedFor() throws Exception {
        Path flow = Files.writeString(dir.resolve("script.flow.json"), """
                {"schemaVersion": 1, "name": "script-cli", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.payment.updated"]}},
                           {"id": "js", "kind": "script", "config": {"code": "function process(event) { const a = String(event.data.payment.bankAccount); event.data.payment.bankAccount = '*'.repeat(a.length - 4) + a.slice(-4); delete event.data.nationalId; return event; }"}},
                           {"id": "tpl", "kind": "template", "config": {"library": "finance-payment-record"}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "js"}, {"from": "js", "to": "tpl"}, {"from": "tpl", "to": "out"}]}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar",
                Path.of(System.getProperty("sluice.jar", "../designer/target/sluice.jar")).toAbsolutePath().toString(),
                "flow", "test", flow.toString(), SAMPLES.toString(), "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        // the steps show each node's output, the source's included, so only the template's record is checked here
        assertThat(stdout).startsWith("{").contains("\"passed\" : true", "\"recordType\" : \"payment\"",
                "\"bankAccount\" : \"***************7574\"");
    }

    @Test
    void failsWithExitCodeOneWhenAStoredTestFails() throws Exception {
        String flow = Files.readString(FLOWS.resolve("valid/finance-payment-sync.flow.json"))
                .replace("***************2345", "***************9999");
        Path broken = Files.writeString(dir.resolve("broken.flow.json"), flow);

        Run run = run("flow", "test", broken.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL masks the bank account", "1/2 tests passed");
    }

    @Test
    void failsWithExitCodeTwoAndEveryProblemForAnInvalidFlow() throws Exception {
        Run run = run("flow", "test", FLOWS.resolve("invalid/cycle.flow.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("$.edges[2]: closes a cycle: a → b → a");
    }
}
