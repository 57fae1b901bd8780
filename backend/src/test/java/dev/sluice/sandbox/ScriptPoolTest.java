package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The context pool of a compiled script: shared safely by threads, healed after failures, closed with its flow. */
class ScriptPoolTest {

    private static final ScriptSandbox sandbox = new ScriptSandbox(SandboxLimits.defaults()
            .withTimeBudget(Duration.ofMillis(500)).withStatementLimit(1_000_000).withPoolSize(2));
    private static final String CODE = """
            function process(event) {
              if (event.data.loop) { for (;;) {} }
              event.data.seen = event.id;
              return event;
            }""";

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String event(String id, boolean loop) {
        return """
                {"specversion":"1.0","id":"%s","source":"/s","type":"t","data":{"loop":%s}}""".formatted(id, loop);
    }

    @Test
    void scriptThatRanOutOfBudgetServesItsNextEvent() throws ScriptFailure {
        try (CompiledScript script = sandbox.compile(CODE)) {
            assertThat(catchThrowableOfType(ScriptFailure.class, () -> script.run(event("a", true))).getMessage())
                    .isEqualTo("the script executed more than its limit of 1000000 statements");

            assertThat(script.run(event("b", false))).contains("\"seen\":\"b\"");
        }
    }

    @Test
    void threadsShareTheBoundedPoolAndEachGetsItsOwnResult() throws Exception {
        try (CompiledScript script = sandbox.compile(CODE); ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "e" + i;
                results.add(threads.submit(() -> script.run(event(id, false))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains("\"seen\":\"e" + i + "\"");
            }
        }
    }

    @Test
    void anEventWaitsForTheOneContextThatAnotherEventHoldsAndThenRuns() throws Exception {
        try (ScriptSandbox single = new ScriptSandbox(SandboxLimits.defaults().withTimeBudget(Duration.ofMillis(300))
                .withStatementLimit(Long.MAX_VALUE).withPoolSize(1));
             CompiledScript script = single.compile(CODE);
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            script.run(event("warm", false));
            Future<Throwable> looping = threads.submit(() -> catchThrowableOfType(ScriptFailure.class,
                    () -> script.run(event("a", true))));
            Thread.sleep(50);
            Future<String> waiting = threads.submit(() -> script.run(event("b", false)));

            assertThat(waiting.get()).contains("\"seen\":\"b\"");
            assertThat(looping.get()).hasMessageContaining("time budget of 300 ms");
            assertThat(script.contextsOpened()).isEqualTo(2); // the cancelled one was replaced
        }
    }

    @Test
    void oneThreadKeepsUsingOneContext() throws ScriptFailure {
        try (CompiledScript script = sandbox.compile(CODE)) {
            for (int i = 0; i < 50; i++) {
                script.run(event("e" + i, false));
            }

            assertThat(script.contextsOpened()).isEqualTo(1);
        }
    }

    @Test
    void threadsTakingTurnsKeepToAContextOfTheirOwnWhileThePoolHasPlaceAndShareBeyondIt() throws Exception {
        try (CompiledScript script = sandbox.compile(CODE); ExecutorService first = Executors.newSingleThreadExecutor();
             ExecutorService second = Executors.newSingleThreadExecutor();
             ExecutorService third = Executors.newSingleThreadExecutor()) {
            for (int i = 0; i < 20; i++) {
                String id = "e" + i;
                ExecutorService turn = i % 3 == 0 ? first : i % 3 == 1 ? second : third;
                assertThat(turn.submit(() -> script.run(event(id, false))).get()).contains("\"seen\":\"" + id + "\"");
            }

            assertThat(script.contextsOpened()).as("two places, three threads").isEqualTo(2);
        }
    }

    @Test
    void aScriptDroppedWithoutClosingReleasesItsContextsWhenCollected() throws Exception {
        int before = sandbox.watchdog().watchedContexts();
        CompiledScript script = sandbox.compile(CODE);
        script.run(event("a", false));
        assertThat(sandbox.watchdog().watchedContexts()).isEqualTo(before + 1);
        script = null;

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sandbox.watchdog().watchedContexts() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(sandbox.watchdog().watchedContexts()).isEqualTo(before);
    }

    @Test
    void closedScriptRefusesEvents() {
        CompiledScript script = sandbox.compile(CODE);
        script.close();

        assertThat(catchThrowableOfType(ScriptFailure.class, () -> script.run(event("a", false))).getMessage())
                .isEqualTo("the script was stopped because its flow version was retired");
    }

    @Test
    void splitsAndDropsAsTheContractSays() throws ScriptFailure {
        try (CompiledScript split = sandbox.compile("function process(e) { return [e, {...e, id: 'x'}]; }");
             CompiledScript drop = sandbox.compile("function process(e) { return null; }")) {
            assertThat(split.run(event("a", false))).startsWith("[{").contains("\"id\":\"x\"");
            assertThat(drop.run(event("a", false))).isNull();
        }
    }

    @Test
    void saysWhichRuntimeRuns() {
        assertThat(sandbox.runtimeDescription()).startsWith("JavaScript sandbox: GraalJS 25.0.3 on the ")
                .containsAnyOf("optimized Truffle runtime", "Truffle interpreter");
    }
}
