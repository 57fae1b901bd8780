package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Whether a script went over its budget is decided where the limit is enforced (the statement limit, the watchdog,
 * the output check) and carried by the failure, not read from its wording.
 */
class ScriptFailureKindTest {

    private static final String EVENT = """
            {"specversion":"1.0","id":"e1","source":"/s","type":"t","data":{"budget":"limit of"}}""";
    private static final ScriptSandbox counted = new ScriptSandbox(SandboxLimits.defaults()
            .withStatementLimit(1_000_000).withPoolSize(1));
    private static final ScriptSandbox clocked = new ScriptSandbox(new SandboxLimits(Duration.ofMillis(200),
            Long.MAX_VALUE / 2, 1_000, 64L << 20, 1, 100_000));

    @AfterAll
    static void stop() {
        counted.close();
        clocked.close();
    }

    private static ScriptFailure failure(ScriptSandbox sandbox, String code) {
        try (CompiledScript script = sandbox.compile(code)) {
            ScriptFailure failure = catchThrowableOfType(ScriptFailure.class, () -> script.run(EVENT));
            assertThat(failure).as("the script must fail").isNotNull();
            return failure;
        }
    }

    @Test
    void aScriptOverItsStatementLimitIsOverBudget() {
        ScriptFailure failure = failure(counted, "function process(event) { while (true) {} }");

        assertThat(failure.getMessage()).isEqualTo("the script executed more than its limit of 1000000 statements");
        assertThat(failure.isOverBudget()).isTrue();
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void theStatementLimitIsPerEventInAContextThatRunsManyEvents() throws ScriptFailure {
        // each event runs about 300,000 statements (three per turn): ten of them in one context, but none over 1,000,000
        try (CompiledScript script = counted.compile("""
                function process(event) { let n = 0; for (let i = 0; i < 100000; i++) { n++; } event.data.n = n;
                                          return event; }""")) {
            for (int i = 0; i < 10; i++) {
                assertThat(script.run(EVENT)).contains("\"n\":100000");
            }
            assertThat(script.contextsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aScriptOverItsTimeBudgetIsOverBudget() {
        ScriptFailure failure = failure(clocked, "function process(event) { while (true) {} }");

        assertThat(failure.getMessage()).isEqualTo("the script ran longer than its time budget of 200 ms");
        assertThat(failure.isOverBudget()).isTrue();
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void aScriptReturningMoreThanItsOutputLimitIsOverBudget() {
        ScriptFailure failure = failure(clocked,
                "function process(event) { event.data.big = 'x'.repeat(2000); return event; }");

        assertThat(failure.getMessage()).startsWith("process(event) returned ").endsWith("the limit of 1000");
        assertThat(failure.isOverBudget()).isTrue();
    }

    @Test
    void aScriptThatThrowsIsNotOverBudgetWhateverItsCodeSays() {
        ScriptFailure failure = failure(counted,
                "function process(event) { throw new Error('over budget: limit of ' + event.data.budget); }");

        assertThat(failure.getMessage()).contains("threw Error").contains("budget");
        assertThat(failure.isOverBudget()).isFalse();
        assertThat(failure.isTransient()).isFalse();
    }
}
