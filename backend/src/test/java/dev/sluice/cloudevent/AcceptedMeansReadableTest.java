package dev.sluice.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/**
 * A property over generated messages, valid and not, in every mode: whatever ingest accepts, the engine reads
 * back from the broker as the same event, and a flow runs it without calling it malformed.
 */
class AcceptedMeansReadableTest {

    private static final int MESSAGES = 4_000;
    private static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private static final ValidationContext CONTEXT = new ValidationContext("finance", name -> Optional.of(
            new ValidationContext.SourceInfo(name, List.of("user.created", "user.deleted"), true, false)));
    private static final Object ABSENT = new Object();
    private static final Object[] IDS = {"1", "", "a b", "用户-1", "a\nb", 7, null, ABSENT};
    private static final Object[] SOURCES = {"/s", "", "urn:x:y", "/my context", "https://x.example/a?b=c", "/用户", null, ABSENT};
    private static final Object[] TYPES = {"user.created", "", "user.deleted", ABSENT};
    private static final Object[] SPEC_VERSIONS = {"1.0", "1.0", "1.0", "0.3", 1.0, ABSENT};
    private static final Object[] TIMES = {"2026-01-31T12:00:00Z", "yesterday", "2018-04-05t17:31:00.5+08:00", null, ABSENT};
    private static final Object[] SUBJECTS = {"U1", "", null, "Euro € \uD83D\uDE00", ABSENT};
    private static final Object[] SCHEMAS = {"https://schemas.example/user.json", "schemas/user.json", "", ABSENT};
    private static final Object[] CONTENT_TYPES = {ABSENT, "application/json", "text/plain", "application/vnd.x+json",
            "APPLICATION/JSON", "json", "application/octet-stream", "text/xml; charset=utf-8", null};
    private static final Object[] DATA = {ABSENT, Map.of("userId", "U1"), "hello world", 42, null, List.of(1, 2)};
    private static final Object[] BASE64 = {ABSENT, ABSENT, ABSENT, "aGk=", "%%%", null};
    private static final String[] EXTENSION_NAMES = {"ext", "abcdefghijklmnopqrstuv", "Ext", "my-ext", "x1"};
    private static final Object[] EXTENSION_VALUES = {"v", 5, 1.5, true, null, Map.of("a", 1), 2147483648L, "a\u0001"};
    private static final byte[][] BODIES = {"{\"userId\":\"U1\"}".getBytes(StandardCharsets.UTF_8),
            "hello world".getBytes(StandardCharsets.UTF_8), {'a', (byte) 0xC0, (byte) 0xA0}, {}, "{bad".getBytes()};

    private final Random random = new Random(20261204);
    private final Pipeline pipeline = flow();

    @Test
    void everyEventIngestAcceptsIsReadBackByTheEngineAndRunsThroughAFlow() throws Exception {
        int accepted = 0;
        for (int i = 0; i < MESSAGES; i++) {
            CloudEventReading reading = switch (i % 3) {
                case 0 -> HttpCloudEvents.read(CLOUDEVENTS_JSON, Map.of(), structured());
                case 1 -> binaryOverHttp();
                default -> binaryOverAmqp();
            };
            for (ObjectNode event : reading.events()) {
                accepted++;
                byte[] published = Json.MAPPER.writeValueAsBytes(event);
                CloudEventReading engine = AmqpCloudEvents.read(
                        new AMQP.BasicProperties.Builder().contentType(CLOUDEVENTS_JSON).build(), published);
                assertThat(engine.problems()).as("engine reading " + event).isEmpty();
                assertThat(engine.events()).containsExactly(event);
                EventTrace trace = pipeline.trace(engine.events().get(0));
                if ("in".equals(trace.failedAt())) {
                    fail("accepted but malformed to the flow: " + event + ": " + trace.steps());
                }
            }
        }
        // the generator must reach both sides of the property
        assertThat(accepted).isBetween(MESSAGES / 20, MESSAGES - MESSAGES / 20);
    }

    @Test
    void aDryRunSeesTheEventAsIngestStoresIt() {
        EventTrace trace = pipeline.trace(FlowJson.parse("""
                {"specversion": "1.0", "id": "n1", "source": "/u", "type": "user.created", "region": null,
                 "subject": null, "data": {"userId": "U1"}}"""));

        assertThat(trace.targets().get("out")).singleElement().satisfies(out -> {
            assertThat(out.has("region")).isFalse();
            assertThat(out.has("subject")).isFalse();
            assertThat(out.path("data").path("userId").asText()).isEqualTo("U1");
        });
    }

    @Test
    void aFilterReadsTheTextDataOfABinaryModeTextEvent() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Map.of("ce-specversion", List.of("1.0"), "ce-id", List.of("t1"), "ce-source", List.of("/u"),
                "ce-type", List.of("user.created")));
        Pipeline greetings = Pipeline.compile(new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "greetings", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "hello", "kind": "filter", "config": {"pattern": {"data": [{"prefix": "hello"}]}}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "hello"}, {"from": "hello", "to": "out"}]}""", CONTEXT),
                NodeRegistry.builtIn(), CompileContext.standalone("finance", "greetings"));

        ObjectNode hello = HttpCloudEvents.read("text/plain", headers, "hello world".getBytes()).events().get(0);
        ObjectNode bye = HttpCloudEvents.read("text/plain", headers, "goodbye".getBytes()).events().get(0);

        assertThat(greetings.trace(hello).targets().get("out")).singleElement()
                .satisfies(out -> assertThat(out.path("data").asText()).isEqualTo("hello world"));
        assertThat(greetings.trace(bye).targets().get("out")).isEmpty();
    }

    private byte[] structured() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        put(event, "specversion", pick(SPEC_VERSIONS));
        put(event, "id", pick(IDS));
        put(event, "source", pick(SOURCES));
        put(event, "type", pick(TYPES));
        put(event, "time", pick(TIMES));
        put(event, "subject", pick(SUBJECTS));
        put(event, "dataschema", pick(SCHEMAS));
        put(event, "datacontenttype", pick(CONTENT_TYPES));
        put(event, "data", pick(DATA));
        put(event, "data_base64", pick(BASE64));
        if (random.nextBoolean()) {
            event.put(EXTENSION_NAMES[random.nextInt(EXTENSION_NAMES.length)], pick(EXTENSION_VALUES));
        }
        return Json.MAPPER.writeValueAsBytes(event);
    }

    private CloudEventReading binaryOverHttp() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Object> attributes = stringAttributes();
        attributes.forEach((name, value) -> headers.put("ce-" + name, List.of(random.nextBoolean()
                ? percentEncoded(value.toString()) : value.toString())));
        Object contentType = pick(CONTENT_TYPES);
        return HttpCloudEvents.read(contentType instanceof String text ? text : null, headers,
                BODIES[random.nextInt(BODIES.length)]);
    }

    private CloudEventReading binaryOverAmqp() {
        Map<String, Object> headers = new LinkedHashMap<>();
        stringAttributes().forEach((name, value) -> headers.put("cloudEvents_" + name, value));
        if (random.nextBoolean()) {
            headers.put("cloudEvents_" + EXTENSION_NAMES[random.nextInt(EXTENSION_NAMES.length)],
                    pick(new Object[] {"v", 5, true, 2147483648L, new java.util.Date(0)}));
        }
        Object contentType = pick(CONTENT_TYPES);
        return AmqpCloudEvents.read(new AMQP.BasicProperties.Builder()
                .contentType(contentType instanceof String text ? text : null).headers(headers).build(),
                BODIES[random.nextInt(BODIES.length)]);
    }

    private Map<String, Object> stringAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> attribute : Map.of("specversion", SPEC_VERSIONS, "id", IDS, "source",
                SOURCES, "type", TYPES, "time", TIMES, "subject", SUBJECTS, "dataschema", SCHEMAS).entrySet()) {
            Object value = pick(attribute.getValue());
            if (value != ABSENT && value != null) {
                attributes.put(attribute.getKey(), value.toString());
            }
        }
        return attributes;
    }

    private static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    /** The first value, which is valid, most of the time: so that a good share of messages is accepted. */
    private Object pick(Object[] values) {
        return random.nextInt(100) < 85 ? values[0] : values[random.nextInt(values.length)];
    }

    private static void put(Map<String, Object> event, String name, Object value) {
        if (value != ABSENT) {
            event.put(name, value);
        }
    }

    /** Reads data and attributes the way flows do: a filter on data, a select, a template. */
    private static Pipeline flow() {
        return Pipeline.compile(new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "reads-everything", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "known", "kind": "filter", "config": {"pattern": {"type": [{"prefix": "user."}]}}},
                           {"id": "pick", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.log"}],
                 "edges": [{"from": "in", "to": "known"}, {"from": "known", "to": "pick"}, {"from": "pick", "to": "out"}]}""",
                CONTEXT), NodeRegistry.builtIn(), CompileContext.standalone("finance", "reads-everything"));
    }
}
