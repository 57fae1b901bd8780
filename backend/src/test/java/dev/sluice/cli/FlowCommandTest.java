package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new FlowCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private Path flow(String expectedAtLog) throws Exception {
        return Files.writeString(dir.resolve("flow.json"), """
                {"schemaVersion": 1, "name": "cli", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "log", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "log"}],
                 "tests": [{"name": "passes created users", "input": {"specversion": "1.0", "id": "t1", "source": "/u",
                            "type": "user.created", "data": {"userId": "U1"}},
                            "expect": {"log": [%s]}}]}
                """.formatted(expectedAtLog));
    }

    @Test
    void printsEachEventsOutcomeAndPassingTestsWithExitCodeZero() throws Exception {
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"specversion": "1.0", "id": "e1", "source": "/u", "type": "user.created", "data": {}}
                {"specversion": "1.0", "id": "e2", "source": "/u", "type": "user.deleted", "data": {}}
                not json
                """);

        int exit = run("flow", "test", flow("{\"data\": {\"userId\": \"U1\"}}").toString(), events.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("event e1: log ← 1", "event e2: dropped by in", "failed at in: malformed CloudEvent",
                        "3 events: 1 delivered, 1 failed, 1 dropped", "PASS passes created users", "1/1 tests passed");
    }

    @Test
    void exitsWithOneWhenAStoredTestFails() throws Exception {
        int exit = run("flow", "test", flow("{\"data\": {\"userId\": \"U2\"}}").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL passes created users",
                "$.expect.log[0].data.userId: expected \"U2\" but was \"U1\"");
    }

    @Test
    void exitsWithTwoAndListsEveryProblemOfAnInvalidFlow() throws Exception {
        Path invalid = Files.writeString(dir.resolve("bad.json"), """
                {"schemaVersion": 1, "name": "bad", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {}}], "edges": [{"from": "in", "to": "x"}]}
                """);

        int exit = run("flow", "test", invalid.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("$.nodes[0].config.source: is required",
                "$.edges[0].to: no node has the id 'x'", "$.nodes: a flow needs at least one target node");
    }

    @Test
    void explainsUsageForUnknownArguments() {
        assertThat(run("flow", "lint")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar sluice.jar flow test");
    }
}
