package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.FlowJson;

/**
 * Event 2 sees nothing of event 1. Each script tries one way to carry a value from one event to the next: event 1
 * stores its secret, event 2 reads. Both run on one pooled context, reused as the engine reuses it, and what event 2
 * reads must be exactly what the same event reads on a context that never ran anything. Every store and read is
 * wrapped in try/catch, so that event 1 succeeds and its context really is reused (a failed event's context is
 * closed, which would prove nothing).
 */
class ScriptStateIsolationTest {

    private static final String SECRET = "6222975432319482345";
    private static final ScriptSandbox sandbox = new ScriptSandbox(SandboxLimits.defaults().withPoolSize(1));

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Each: a name, the code's top level, how event 2 reads, how event 1 stores {@code secret}. */
    static Stream<Arguments> tricks() {
        return Stream.of(
                trick("a closure over the top level", "let kept;", "kept", "kept = secret"),
                trick("arguments.callee of the top level (the review's finding)",
                        "let self; try { self = arguments.callee; } catch (e) { self = {}; }",
                        "self.kept", "self.kept = secret"),
                trick("the prototype object of the top level's function",
                        "let self; try { self = arguments.callee.prototype; } catch (e) { self = {}; }",
                        "self.kept", "self.kept = secret"),
                trick("the top level's arguments object", "const args = arguments;", "args[0]", "args[0] = secret"),
                trick("a property on process", "", "process.kept", "process.kept = secret"),
                trick("the function that calls process", "", "process.caller && process.caller.kept",
                        "process.caller.kept = secret"),
                trick("a property on a builtin function", "", "JSON.parse.kept", "JSON.parse.kept = secret"),
                trick("an undeclared variable (a sloppy global)", "", "globalThis.kept", "kept = secret"),
                trick("a globalThis property", "", "globalThis.kept", "globalThis.kept = secret"),
                trick("a non-configurable, non-writable globalThis property", "", "globalThis.kept",
                        "Object.defineProperty(globalThis, 'kept', {value: secret, writable: false, configurable: false})"),
                trick("an accessor defined on globalThis with Reflect", "", "globalThis.kept",
                        "Reflect.defineProperty(globalThis, 'kept', {get: () => secret})"),
                trick("Object.prototype", "", "({}).kept", "Object.prototype.kept = secret"),
                trick("Object.prototype through __proto__", "", "({}).kept", "({}).__proto__.kept = secret"),
                trick("Object.prototype.__defineGetter__", "", "({}).kept",
                        "Object.prototype.__defineGetter__('kept', () => secret)"),
                trick("Array.prototype.push replaced", "", "[].push()", "Array.prototype.push = () => secret"),
                trick("JSON.stringify replaced", "", "JSON.stringify({a: 1})", "JSON.stringify = () => secret"),
                trick("String.prototype", "", "'x'.kept", "String.prototype.kept = secret"),
                trick("the prototype of a builtin swapped", "", "Math.kept",
                        "Object.setPrototypeOf(Math, {kept: secret})"),
                trick("a Symbol.for key on a shared object", "", "({})[Symbol.for('kept')]",
                        "Symbol.for(secret); Object.prototype[Symbol.for('kept')] = secret"),
                trick("a Map held by a builtin", "", "Map.prototype.get.call(Map.prototype, 'kept')",
                        "Map.prototype.set.call(Map.prototype, 'kept', secret)"),
                trick("a WeakMap held by a builtin", "", "WeakMap.prototype.get.call(WeakMap.prototype, Object)",
                        "WeakMap.prototype.set.call(WeakMap.prototype, Object, secret)"),
                trick("Error.prepareStackTrace", "", "Error.prepareStackTrace && Error.prepareStackTrace()",
                        "Error.prepareStackTrace = () => secret"),
                trick("Error.captureStackTrace and Error.stackTraceLimit", "",
                        "[typeof Error.captureStackTrace, Error.stackTraceLimit].join()",
                        "Error.captureStackTrace = () => secret; Error.stackTraceLimit = secret.length"),
                trick("the legacy RegExp statics", "",
                        "[RegExp.$1, RegExp.lastMatch, RegExp.input, RegExp['$_'], RegExp.leftContext].join()",
                        "/(\\d+)/.exec(secret)"),
                trick("a regular expression literal's lastIndex", "const digits = /\\d/g;", "digits.lastIndex",
                        "digits.exec(secret)"),
                trick("Function.prototype", "", "(function () {}).kept", "Function.prototype.kept = secret"),
                trick("Function.prototype.call replaced", "", "Math.max.call(null, 1)",
                        "Function.prototype.call = () => secret"),
                trick("the event's prototype", "", "Object.getPrototypeOf(event).kept",
                        "Object.getPrototypeOf(event).kept = secret"),
                trick("a method defined on the event's prototype", "", "String(event)",
                        "Object.defineProperty(Object.getPrototypeOf(event), 'toString', {value: () => secret})"),
                trick("the prototype of the event's arrays", "", "Object.getPrototypeOf(event.data.list).kept",
                        "Object.getPrototypeOf(event.data.list).kept = secret"),
                trick("the prototype of the event's arrays' prototype", "",
                        "Object.getPrototypeOf(Object.getPrototypeOf(event.data.list)).kept",
                        "Object.getPrototypeOf(Object.getPrototypeOf(event.data.list)).kept = secret"),
                trick("the iterator prototype", "", "[][Symbol.iterator]().kept",
                        "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).kept = secret"),
                trick("the generator prototype", "", "(function* () {})().kept",
                        "Object.getPrototypeOf(function* () {}).prototype.kept = secret"),
                trick("a tagged template's strings object, the same object for every event", "const tag = (s) => s;",
                        "tag`kept`.kept", "tag`kept`.kept = secret"),
                trick("Date.prototype", "", "new Date(0).kept", "Date.prototype.kept = secret"),
                trick("Date.now replaced", "", "typeof Date.now()", "Date.now = () => secret"),
                trick("Math.random replaced", "", "typeof Math.random()", "Math.random = () => secret"),
                trick("Intl", "", "Intl.kept || Intl.DateTimeFormat.prototype.kept",
                        "Intl.kept = secret; Intl.DateTimeFormat.prototype.kept = secret"),
                trick("console", "", "console.kept", "console.kept = secret"));
    }

    private static Arguments trick(String name, String topLevel, String read, String store) {
        return Arguments.of(name, """
                %s
                function process(event) {
                  const secret = event.data.secret;
                  let seen;
                  try { seen = %s; } catch (e) { seen = 'threw ' + e.name; }
                  try { %s; } catch (e) { }
                  event.data = {seen: seen === undefined ? 'undefined' : String(seen)};
                  return event;
                }""".formatted(topLevel, read, store));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theSecondEventOnAReusedContextSeesWhatItWouldSeeOnAFreshOne(String name, String code) throws ScriptFailure {
        String fresh;
        try (CompiledScript script = sandbox.compile(code)) {
            fresh = seen(script.run(event("e2", "nothing")));
        }

        String second;
        try (CompiledScript script = sandbox.compile(code)) {
            script.run(event("e1", SECRET));
            second = seen(script.run(event("e2", "nothing")));
            assertThat(script.contextsOpened()).as("both events ran on one context").isEqualTo(1);
        }

        assertThat(second).doesNotContain(SECRET).isEqualTo(fresh);
    }

    @Test
    void mathRandomStartsFromAFreshSeedInEveryEventSoEvent1sDrawsAreNotCarriedOver() throws ScriptFailure {
        // a fixed seed for every event: event 2 must then draw what event 1 drew first, however many event 1 drew
        try (ScriptSandbox seeded = new ScriptSandbox(SandboxLimits.defaults().withPoolSize(1), () -> 42);
             CompiledScript script = seeded.compile("""
                     function process(event) {
                       const first = [Math.random(), Math.random(), Math.random()];
                       for (let i = 0; i < event.data.secret.length * 100; i++) { Math.random(); }
                       event.data = {seen: first.join()};
                       return event;
                     }""")) {
            String first = seen(script.run(event("e1", SECRET)));
            String second = seen(script.run(event("e2", "nothing")));

            assertThat(second).isEqualTo(first);
            assertThat(script.contextsOpened()).isEqualTo(1);
        }
    }

    @Test
    void mathRandomIsSeededAtAnEventsFirstDrawWhereverItIsDrawnAndEventsThatDoNotDrawChangeNothing()
            throws ScriptFailure {
        try (ScriptSandbox seeded = new ScriptSandbox(SandboxLimits.defaults().withPoolSize(1), () -> 7);
             CompiledScript script = seeded.compile("""
                     const atTheTop = event => event.data.secret === 'draw' ? String(Math.random()) : 'none';
                     function process(event) {
                       event.data = {seen: atTheTop(event) + '/' + (event.data.secret === 'draw' ? Math.random() : '')};
                       return event;
                     }""")) {
            String first = seen(script.run(event("e1", "draw")));
            String without = seen(script.run(event("e2", "no")));
            String third = seen(script.run(event("e3", "draw")));

            assertThat(without).isEqualTo("none/");
            assertThat(third).isEqualTo(first).doesNotStartWith("none");
        }
    }

    @Test
    void mathRandomDrawsDifferentNumbersInEachEventBetweenZeroAndOne() throws ScriptFailure {
        try (CompiledScript script = sandbox.compile("""
                function process(event) {
                  const draws = Array.from({length: 1000}, () => Math.random());
                  const fair = draws.every((d) => d >= 0 && d < 1) && new Set(draws).size === 1000;
                  event.data = {seen: fair ? draws[0] : 'unfair'};
                  return event;
                }""")) {
            String first = seen(script.run(event("e1", SECRET)));
            String second = seen(script.run(event("e2", "nothing")));

            assertThat(first).isNotEqualTo("unfair").isNotEqualTo(second);
            assertThat(second).isNotEqualTo("unfair");
        }
    }

    @Test
    void offersNoCallbackThatCouldRunDuringALaterEvent() throws ScriptFailure {
        // a FinalizationRegistry's cleanup runs whenever the garbage collector gets to it: during another event
        try (CompiledScript script = sandbox.compile("""
                function process(event) {
                  event.data = {seen: [typeof FinalizationRegistry, typeof WeakRef].join()};
                  return event;
                }""")) {
            assertThat(seen(script.run(event("e1", SECRET)))).isEqualTo("undefined,undefined");
        }
    }

    private static ObjectNode event(String id, String secret) {
        return (ObjectNode) FlowJson.parse("""
                {"specversion": "1.0", "id": "%s", "source": "/s", "type": "t", "data": {"secret": "%s", "list": [1]}}"""
                .formatted(id, secret));
    }

    private static String seen(JsonNode output) {
        return output.at("/data/seen").asText();
    }
}
