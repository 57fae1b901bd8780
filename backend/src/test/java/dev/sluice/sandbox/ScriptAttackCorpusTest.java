package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken scripts against the real GraalJS sandbox: each one fails its own event with exactly the
 * stated reason, within its budget, and the sandbox goes on serving the next event.
 */
class ScriptAttackCorpusTest {

    static final String EVENT = """
            {"specversion":"1.0","id":"e1","source":"/user-center/users","type":"user.payment.updated",\
            "data":{"userId":"U1","name":"张三","payment":{"bankAccount":"6222975432319482345","currency":"CNY"}}}""";
    static final String ACCOUNT = "6222975432319482345";

    static final SandboxLimits LIMITS = SandboxLimits.defaults()
            .withTimeBudget(Duration.ofMillis(2000))
            .withStatementLimit(1_000_000)
            // room for the 10 MB answer to reach the output limit, which it must (the default budget is 64 MB)
            .withMaxAllocation(256L << 20)
            .withPoolSize(2);

    static ScriptSandbox sandbox;
    /** No statement limit to speak of, so only the watchdog's clock can stop a loop. */
    static ScriptSandbox clockOnly;

    @BeforeAll
    static void startSandboxes() {
        sandbox = new ScriptSandbox(LIMITS);
        clockOnly = new ScriptSandbox(LIMITS.withStatementLimit(Long.MAX_VALUE / 2).withTimeBudget(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stopSandboxes() {
        sandbox.close();
        clockOnly.close();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("endless loop", """
                        function process(event) {
                          while (true) {}
                        }""", "the script executed more than its limit of 1000000 statements"),
                attack("endless loop at the top level", """
                        for (;;) {}
                        function process(event) { return event; }""",
                        "the script executed more than its limit of 1000000 statements"),
                attack("deep recursion", """
                        function process(event) {
                          const down = (n) => down(n + 1) + 1;
                          return down(0);
                        }""", "line 2, column 16: process(event) threw RangeError at `(n) => down(n + 1) + 1`"),
                attack("huge string by repeat", """
                        function process(event) {
                          event.data.blob = 'x'.repeat(1 << 28);
                          return event;
                        }""", "line 2, column 21: process(event) threw RangeError at `'x'.repeat(1 << 28)`"),
                attack("huge string by doubling", """
                        function process(event) {
                          let s = 'x';
                          for (let i = 0; i < 40; i++) { s += s; }
                          return event;
                        }""", "line 3, column 34: process(event) threw RangeError at `s`"),
                attack("huge typed arrays", """
                        function process(event) {
                          const hoard = [];
                          for (;;) { hoard.push(new Float64Array(1 << 20)); }
                        }""", "the script allocated more than its memory budget of 256 MB"),
                attack("Java.type", """
                        function process(event) {
                          return Java.type('java.lang.Runtime').getRuntime().exec('id');
                        }""", "line 2, column 10: process(event) threw ReferenceError at `Java`"),
                attack("Polyglot.eval", """
                        function process(event) {
                          return Polyglot.eval('js', '1');
                        }""", "line 2, column 10: process(event) threw ReferenceError at `Polyglot`"),
                attack("load a file", """
                        function process(event) {
                          load('/etc/passwd');
                          return event;
                        }""", "line 2, column 3: process(event) threw ReferenceError at `load`"),
                attack("require a module", """
                        function process(event) {
                          const fs = require('fs');
                          return event;
                        }""", "line 2, column 14: process(event) threw ReferenceError at `require`"),
                attack("Node's process object", """
                        function process(event) {
                          globalThis.process.exit(1);
                        }""", "line 2, column 3: process(event) threw TypeError at `globalThis.process.exit`"),
                attack("eval of generated code", """
                        function process(event) {
                          return eval('ev' + 'ent');
                        }""", "process(event) threw EvalError"),
                attack("Function constructor through a prototype", """
                        function process(event) {
                          return (function () {}).constructor('return this')();
                        }""", "line 2, column 10: process(event) threw EvalError at "
                        + "`(function () {}).constructor('return this')`"),
                attack("defining a property on Object.prototype", """
                        function process(event) {
                          Object.defineProperty(Object.prototype, 'isAdmin', {value: true});
                          return event;
                        }""", "line 2, column 3: process(event) threw TypeError at "
                        + "`Object.defineProperty(Object.prototype, 'isAdmin', {value: …`"),
                attack("strict-mode write to a frozen global", """
                        'use strict';
                        function process(event) {
                          JSON.stringify = () => '{}';
                          return event;
                        }""", "line 3, column 3: process(event) threw TypeError at `JSON.stringify = () => '{}'`"),
                attack("returning a cyclic object", """
                        function process(event) {
                          event.data.self = event;
                          return event;
                        }""", "process(event) returned an object that refers to itself (cyclic): it cannot be "
                        + "written as JSON"),
                attack("returning a function", """
                        function process(event) {
                          return () => event;
                        }""", "process(event) returned a function: return the event, null to drop it, or an array "
                        + "of events to split it"),
                attack("returning a BigInt inside the event", """
                        function process(event) {
                          event.data.big = 10n ** 30n;
                          return event;
                        }""", "process(event) returned a value that cannot be written as JSON (TypeError)"),
                attack("returning a Promise", """
                        async function process(event) {
                          return event;
                        }""", "process(event) returned a Promise (async functions cannot be waited for): return the "
                        + "event, null to drop it, or an array of events to split it"),
                attack("returning a proxy that loops when read", """
                        function process(event) {
                          return new Proxy(event, {ownKeys() { for (;;) {} }});
                        }""", "the script executed more than its limit of 1000000 statements"),
                attack("returning 10 MB", """
                        function process(event) {
                          event.data.blob = 'x'.repeat(10000000);
                          return event;
                        }""", "process(event) returned 10000201 characters of JSON, more than the limit of 1000000"),
                attack("returning nothing", """
                        function process(event) {
                          event.data.seen = true;
                        }""", "process(event) returned nothing: return the event, null to drop it, or an array of "
                        + "events to split it"),
                attack("returning a number", """
                        function process(event) {
                          return 42;
                        }""", "process(event) returned a number: return the event, null to drop it, or an array "
                        + "of events to split it"),
                attack("splitting into a non-event", """
                        function process(event) {
                          return [event, null];
                        }""", "process(event) returned an array whose element [1] is null, not an event object"),
                attack("throwing an Error that carries the event's data", """
                        function process(event) {
                          throw new Error('bad account ' + event.data.payment.bankAccount);
                        }""", "line 2, column 9: process(event) threw Error at "
                        + "`new Error('bad account ' + event.data.payment.bankAccount)`"),
                attack("throwing the event's data itself", """
                        function process(event) {
                          throw event.data.payment.bankAccount;
                        }""", "line 2, column 3: process(event) threw an exception that is not a standard Error at "
                        + "`throw event.data.payment.bankAccount;`"),
                attack("undefined variable on the first line", "function process(event) { return evnt; }",
                        "line 1, column 34: process(event) threw ReferenceError at `evnt`"),
                attack("blocking wait on shared memory", """
                        function process(event) {
                          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
                          return event;
                        }""", "line 2, column 3: process(event) threw TypeError at "
                        + "`Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)`"),
                attack("endless loop in a promise job after returning", """
                        function process(event) {
                          Promise.resolve().then(() => { for (;;) {} });
                          return event;
                        }""", "the script executed more than its limit of 1000000 statements"),
                attack("arguments.callee, which kept the top level between events", """
                        var h = arguments.callee;
                        function process(event) {
                          h.kept = event.data;
                          return event;
                        }""", "line 1, column 9: process(event) threw TypeError at `arguments.callee`"),
                attack("assigning an undeclared variable", """
                        function process(event) {
                          kept = event.data;
                          return event;
                        }""", "line 2, column 3: process(event) threw ReferenceError at `kept = event.data`"),
                attack("no process function", """
                        function proces(event) {
                          return event;
                        }""", "the code defines no function process(event)"));
    }

    static Stream<Arguments> clockAttacks() {
        return Stream.of(
                attack("endless loop without a statement limit", """
                        function process(event) {
                          for (;;) {}
                        }""", "the script ran longer than its time budget of 300 ms"),
                attack("array growth loop", """
                        function process(event) {
                          const hoard = [];
                          for (;;) { hoard.push(new Array(100000).fill(event.data.name)); }
                        }""", "the script ran longer than its time budget of 300 ms"),
                attack("busy wait on the clock", """
                        function process(event) {
                          const until = Date.now() + 60000;
                          while (Date.now() < until) {}
                          return event;
                        }""", "the script ran longer than its time budget of 300 ms"),
                attack("catastrophic regular expression backtracking", """
                        function process(event) {
                          return /^(a+)+\\1b$/.test('a'.repeat(64)) ? event : null;
                        }""", "the script ran longer than its time budget of 300 ms"));
    }

    private static Arguments attack(String name, String code, String outcome) {
        return Arguments.of(name, code, outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileScriptFailsItsOwnEventWithAClearReasonWithinItsBudget(String name, String code, String outcome)
            throws ScriptFailure {
        assertContained(sandbox, code, outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clockAttacks")
    void scriptThatNoStatementLimitStopsIsCancelledByTheWatchdog(String name, String code, String outcome)
            throws ScriptFailure {
        assertContained(clockOnly, code, outcome);
    }

    private static void assertContained(ScriptSandbox sandbox, String code, String outcome) throws ScriptFailure {
        try (CompiledScript script = sandbox.compile(code)) {
            long started = System.nanoTime();
            ScriptFailure failure = catchThrowableOfType(ScriptFailure.class, () -> script.run(EVENT));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).as("the script must fail").isNotNull();
            assertThat(failure.getMessage()).isEqualTo(outcome).doesNotContain(ACCOUNT).doesNotContain("张三");
            // the first run includes creating and locking down a context
            assertThat(took).isLessThan(sandbox.limits().timeBudget().plusSeconds(2));
            assertThat(sandbox.compile("function process(e) { return e; }").run(EVENT))
                    .as("the sandbox still serves events").contains("\"userId\":\"U1\"");
        }
    }

    @Test
    void exposesNoHostShellOrModuleGlobals() throws ScriptFailure {
        try (CompiledScript script = sandbox.compile("""
                function process(event) {
                  const names = ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal',
                                 'print', 'printErr', 'require', 'module', 'process', 'arguments', 'quit', 'read'];
                  event.data = names.filter((name) => name in globalThis);
                  return event;
                }""")) {
            assertThat(script.run(EVENT)).endsWith("\"data\":[]}");
        }
    }

    @Test
    void reportsSyntaxErrorsWithTheLineAndColumnAsWritten() {
        assertThat(sandbox.check("""
                function process(event) {
                  let x = ;
                }""")).containsExactly(new ScriptProblem(2, 11, "Expected an operand but found ;"));
        assertThat(sandbox.check("function process(event) { return event +; }"))
                .containsExactly(new ScriptProblem(1, 41, "Expected an operand but found ;"));
        assertThat(sandbox.check("function process(event) {\n  return event;\n"))
                .extracting(ScriptProblem::line).containsExactly(3);
    }

    @Test
    void reportsWhatStrictModeForbidsWhenTheCodeIsChecked() {
        assertThat(sandbox.check("""
                function process(event) {
                  with (event) { return data; }
                }""")).containsExactly(new ScriptProblem(2, 3, "\"with\" statement cannot be used in strict mode"));
        assertThat(sandbox.check("function process(event) { event.data.n = 010; return event; }"))
                .containsExactly(new ScriptProblem(1, 42, "cannot use octal value in strict mode"));
    }

    @Test
    void refusesCodeNestedDeeperThanTheParserCanTakeWithTheFirstPlaceOverTheLimit() {
        assertThat(sandbox.check("function process(event) {\n  return " + "[".repeat(40_000) + "]".repeat(40_000)
                + ";\n}")).containsExactly(new ScriptProblem(2, 109, "nested 40001 deep; at most 100 levels"));
        assertThat(sandbox.check("function process(event) {\n  event.data.x = " + "(".repeat(30_000) + "1"))
                .containsExactly(new ScriptProblem(2, 117, "nested 30001 deep; at most 100 levels"));
        assertThat(sandbox.check("function process(event) { " + "{".repeat(500) + "}".repeat(500) + " return event; }"))
                .extracting(ScriptProblem::message).containsExactly("nested 501 deep; at most 100 levels");
    }

    @Test
    void countsNoBracketsInsideStringsCommentsTemplateTextOrRegularExpressions() {
        String many = "[(".repeat(200);
        assertThat(sandbox.check("""
                // %s
                /* %s */
                function process(event) {
                  const quoted = '%s', doubled = "%s", template = `%s${[1].length}%s`;
                  const pattern = /[(]%s/;
                  event.data.x = [quoted.length, doubled.length, template.length, pattern.source.length];
                  return event;
                }""".formatted(many, many, many, many, many, many, "\\[\\(".repeat(200)))).isEmpty();
        assertThat(sandbox.check("function process(event) {\n  return " + "[".repeat(99) + "]".repeat(99)
                + " && event;\n}")).isEmpty();
    }

    @Test
    void reportsCodeWithoutProcessOrWithAFailingTopLevelBeforeItMeetsAnEvent() {
        assertThat(sandbox.check("function handle(event) { return event; }")).containsExactly(new ScriptProblem(0, 0,
                "defines no function process(event): write function process(event) { ... return event; }"));
        assertThat(sandbox.check("""
                const table = lookup();
                function process(event) { return event; }""")).containsExactly(new ScriptProblem(1, 15,
                "the code's top level threw ReferenceError at `lookup`"));
        assertThat(sandbox.check("while (true) {}\nfunction process(event) { return event; }"))
                .containsExactly(new ScriptProblem(0, 0, "the script executed more than its limit of 1000000 statements"));
        assertThat(sandbox.check(" ")).extracting(ScriptProblem::message)
                .containsExactly("is empty: write function process(event) { ... return event; }");
    }
}
