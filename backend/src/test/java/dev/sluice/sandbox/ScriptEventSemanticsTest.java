package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;

/**
 * The event a script receives behaves as the plain JavaScript object it would be after {@code JSON.parse}, and
 * what the script makes of it comes out as {@code JSON.stringify} would write it, although the event crosses as
 * proxies over its JSON tree.
 */
class ScriptEventSemanticsTest {

    private static final ScriptSandbox sandbox = new ScriptSandbox(SandboxLimits.defaults());
    private static final String EVENT = """
            {"specversion": "1.0", "id": "e1", "source": "/s", "type": "t",
             "data": {"userId": "U1", "points": 7, "ratio": 0.5, "vip": true, "none": null,
                      "contact": {"phone": "13812345678", "email": "a@b.cn"}, "tags": ["a", "b"]}}""";

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode run(String body) throws ScriptFailure {
        try (CompiledScript script = sandbox.compile("function process(event) {\n" + body + "\n}")) {
            return script.run((ObjectNode) FlowJson.parse(EVENT));
        }
    }

    /** Each line: what the script puts in event.data.out, and the JSON expected there. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "Object.keys(event.data).join()                      | \"userId,points,ratio,vip,none,contact,tags\"",
            "JSON.stringify(event.data.contact)                  | \"{\\\"phone\\\":\\\"13812345678\\\",\\\"email\\\":\\\"a@b.cn\\\"}\"",
            "({...event.data.contact, phone: 'x'})               | {\"phone\":\"x\",\"email\":\"a@b.cn\"}",
            "Array.isArray(event.data.tags)                      | true",
            "event.data.tags.map(t => t.toUpperCase())           | [\"A\",\"B\"]",
            "event.data.tags.length + event.data.points          | 9",
            "typeof event.data.ratio + typeof event.data.vip     | \"numberboolean\"",
            "event.data.none === null && event.data.nope === undefined | true",
            "event.data === event.data                           | true",
            "'phone' in event.data.contact                       | true",
            "Object.entries(event.data.contact).length           | 2",
            "new Date(0)                                         | \"1970-01-01T00:00:00.000Z\"",
            "[1, undefined, () => 1, NaN]                        | [1,null,null,null]",
            "{a: undefined, b: 1}                                | {\"b\":1}",
            "NaN                                                 | null",
            "2 ** 53                                             | 9007199254740992",
    })
    void theEventBehavesAsAPlainObjectAndResultsAsJsonStringifyWritesThem(String expression, String expected)
            throws ScriptFailure {
        JsonNode out = run("event.data.out = " + expression + "; return event;");

        assertThat(out.at("/data/out")).isEqualTo(FlowJson.parse(expected));
    }

    @Test
    void writesChangeTheEventInPlaceAndDeletesRemove() throws ScriptFailure {
        JsonNode out = run("""
                delete event.data.contact.phone;
                event.data.tags.push('c');
                event.data.tags[0] = 'z';
                event.data.fn = function () {};
                event.data.gone = undefined;
                event.data.points += 1;
                return event;""");

        assertThat(out.at("/data/contact").has("phone")).isFalse();
        assertThat(out.at("/data/tags")).isEqualTo(FlowJson.parse("[\"z\", \"b\", \"c\"]"));
        assertThat(out.at("/data").has("fn")).isFalse();
        assertThat(out.at("/data").has("gone")).isFalse();
        assertThat(out.at("/data/points").asInt()).isEqualTo(8);
    }

    @Test
    void anObjectAssignedToTwoPlacesIsOneInsideTheScriptAndTwoAfterIt() throws ScriptFailure {
        JsonNode out = run("""
                event.data.copy = event.data.contact;
                event.data.copy.phone = 'changed';
                return event;""");

        assertThat(out.at("/data/contact/phone").asText()).isEqualTo("changed");
        assertThat(out.at("/data/copy")).isEqualTo(out.at("/data/contact")).isNotSameAs(out.at("/data/contact"));
    }

    @Test
    void aMemberReadAfterItWasWrittenOrRemovedIsWhatWasWritten() throws ScriptFailure {
        JsonNode out = run("""
                const data = event.data;
                const before = data.userId;
                data.userId = 'changed';
                const after = data.userId;
                const hadIt = 'userId' in data;
                delete data.userId;
                data.result = [before, after, hadIt, 'userId' in data, data.userId === undefined, data.points].join();
                return event;""");

        assertThat(out.at("/data/result").asText()).isEqualTo("U1,changed,true,false,true,7");
    }

    @Test
    void theEventIsChangedInPlaceWithoutACopy() throws ScriptFailure {
        ObjectNode event = (ObjectNode) FlowJson.parse(EVENT);
        try (CompiledScript script = sandbox.compile(
                "function process(event) { event.data.userId = 'changed'; return event; }")) {
            assertThat(script.run(event)).isSameAs(event);
        }
        assertThat(event.at("/data/userId").asText()).isEqualTo("changed");
    }

    /**
     * Each line: the body of process, and whether the event came back with nothing outside its data touched and its
     * data of the kind it was (JSON here).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "event.data.userId = 'x'; return event;                      | true",
            "event.data = {only: 1}; return event;                       | true",
            "event.data = 'text'; event.data = [1]; return event;        | true",
            "event.data = 'text'; return event;                          | false",
            "delete event.data; return event;                            | false",
            "delete event.data; event.data = {back: true}; return event; | true",
            "return String(event.id) === 'e1' ? event : null;            | true",
            "event.time = '2026-01-01T00:00:00Z'; return event;          | false",
            "Object.assign(event, {type: 'other'}); return event;        | false",
            "delete event.source; return event;                          | false",
            "event.ext = {nested: true}; event.ext.nested = false; return event; | false",
            "return {...event};                                          | false",
            "return [event];                                             | false",
    })
    void saysWhenTheEventCameBackWithNothingButItsDataChangedWithinItsKind(String body, boolean kept) throws ScriptFailure {
        try (CompiledScript script = sandbox.compile("function process(event) {\n" + body + "\n}")) {
            assertThat(script.process((ObjectNode) FlowJson.parse(EVENT)).keptAllButData()).isEqualTo(kept);
        }
    }

    @Test
    void readingAnObjectHeldOutsideTheDataCountsAsTouchingIt() throws ScriptFailure {
        ObjectNode event = (ObjectNode) FlowJson.parse(EVENT);
        event.putObject("extension").put("flag", true);
        try (CompiledScript script = sandbox.compile(
                "function process(event) { event.extension.flag = false; return event; }")) {
            assertThat(script.process(event).keptAllButData()).isFalse();
        }
        assertThat(event.at("/extension/flag").asBoolean()).isFalse();
    }

    @Test
    void newEventsAndSplitsComeOutAsJson() throws ScriptFailure {
        JsonNode split = run("return [event, {...event, id: 'e2', data: {copied: event.data.contact}}];");

        assertThat(split.isArray()).isTrue();
        assertThat(split.get(0).path("id").asText()).isEqualTo("e1");
        assertThat(split.get(1).at("/data/copied/phone").asText()).isEqualTo("13812345678");
    }

    @Test
    void makingTheEventReferToItselfFailsTheEventWithTheReason() {
        ScriptFailure failure = catchThrowableOfType(ScriptFailure.class,
                () -> run("event.data.contact.back = event.data; return event;"));

        assertThat(failure.getMessage()).contains("refers to itself");
    }

    @Test
    void growingAnArrayPastWhatTheOutputCanHoldIsRefused() {
        ScriptFailure failure = catchThrowableOfType(ScriptFailure.class,
                () -> run("event.data.tags[1e9] = 'x'; return event;"));

        assertThat(failure.getMessage()).contains("grew an array to index 1000000000");
    }

    @Test
    void anEventLargerThanTheOutputLimitIsRefused() {
        ScriptFailure failure = catchThrowableOfType(ScriptFailure.class, () -> run(
                "for (let i = 0; i < 40; i++) { event.data['k' + i] = 'x'.repeat(100000); } return event;"));

        assertThat(failure.getMessage()).contains("characters of JSON, more than the limit");
    }

    /**
     * Each line: a change to an event exactly as long as the output limit, and whether it is still within it. An event
     * the script made no larger is not measured again, so every change that adds even one character must be caught.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "event.data.userId = 'U2'                          | true",
            "event.data.userId = 'U12'                         | false",
            "event.data.userId = 'U\\n'                        | false",
            "event.data.points = 70                            | false",
            "event.data.ratio = 0.25                           | false",
            "event.data.vip = false                            | false",
            "event.data.none = 1                               | true",
            "event.data.none = undefined                       | true",
            "event.data.extra = null                           | false",
            "event.data.tags[0] = 'x'                          | true",
            "event.data.tags[2] = 'c'                          | false",
            "event.data.tags[3] = 0                            | false",
            "event.data.contact = {phone: '1'}                 | true",
            "event.data.contact.phone = '138123456789'         | false",
            "delete event.data.none; event.data.extra = 1      | true",
            "delete event.data.none; event.data.longer = 12345 | false",
    })
    void anEventAtTheOutputLimitIsCaughtByAnyChangeThatMakesItLonger(String change, boolean within)
            throws ScriptFailure {
        int limit = FlowJson.parse(EVENT).toString().length();
        SandboxLimits defaults = SandboxLimits.defaults();
        try (ScriptSandbox tight = new ScriptSandbox(new SandboxLimits(defaults.timeBudget(), defaults.statementLimit(),
                limit, defaults.maxAllocation(), 1, defaults.maxCodeChars()));
             CompiledScript script = tight.compile("function process(event) { " + change + "; return event; }")) {
            ScriptFailure failure = catchThrowableOfType(ScriptFailure.class,
                    () -> script.run((ObjectNode) FlowJson.parse(EVENT)));

            if (within) {
                assertThat(failure).isNull();
            } else {
                assertThat(failure).isNotNull();
                assertThat(failure.getMessage()).contains("characters of JSON, more than the limit of " + limit);
            }
        }
    }

    @Test
    void anEventThatCameInLargerThanTheLimitPassesWhenTheScriptDidNotMakeItLarger() throws ScriptFailure {
        int limit = FlowJson.parse(EVENT).toString().length() - 10;
        SandboxLimits defaults = SandboxLimits.defaults();
        try (ScriptSandbox tight = new ScriptSandbox(new SandboxLimits(defaults.timeBudget(), defaults.statementLimit(),
                limit, defaults.maxAllocation(), 1, defaults.maxCodeChars()));
             CompiledScript script = tight.compile(
                     "function process(event) { event.data.contact.phone = '***********'; return event; }")) {
            assertThat(script.run((ObjectNode) FlowJson.parse(EVENT)).at("/data/contact/phone").asText())
                    .isEqualTo("***********");
        }
    }
}
