package dev.sluice.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.FlowProblem;
import dev.sluice.json.Json;

/**
 * The CloudEvents 1.0 rules, written from the core specification, the JSON event format and the HTTP binding,
 * as a table: each request is either accepted and stored exactly as the JSON format renders the event, or refused
 * with the attribute's path. Includes the HTTP cases of the CloudEvents conformance repository
 * ({@code features/http-protocol-binding.feature}).
 */
class CloudEventConformanceTest {

    private static final String CORE = "\"specversion\":\"1.0\",\"id\":\"A234-1234-1234\",\"source\":\"/mycontext\","
            + "\"type\":\"com.example.someevent\"";

    record Case(String name, String contentType, Map<String, String> headers, byte[] body, String stored,
                List<String> refusedAt, List<String> warnedAt) {

        @Override
        public String toString() {
            return name;
        }

        Case stores(String json) {
            return new Case(name, contentType, headers, body, json, List.of(), warnedAt);
        }

        Case refusedAt(String... paths) {
            return new Case(name, contentType, headers, body, null, List.of(paths), warnedAt);
        }

        Case warnsAt(String... paths) {
            return new Case(name, contentType, headers, body, stored, refusedAt, List.of(paths));
        }
    }

    /** A structured event: the core attributes plus {@code members} (JSON text without braces). */
    private static Case event(String name, String members) {
        String json = "{" + CORE + (members.isEmpty() ? "" : "," + members) + "}";
        return raw(name, json).stores(json);
    }

    private static Case raw(String name, String json) {
        return new Case(name, "application/cloudevents+json", Map.of(), json.getBytes(StandardCharsets.UTF_8), json,
                List.of(), List.of());
    }

    private static Case binary(String name, String contentType, String body, String... headers) {
        return binary(name, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Case binary(String name, String contentType, byte[] body, String... headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ce-specversion", "1.0");
        all.put("ce-id", "1234-1234-1234");
        all.put("ce-source", "/mycontext/subcontext");
        all.put("ce-type", "com.example.someevent");
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) {
                all.remove(headers[i]);
            } else {
                all.put(headers[i], headers[i + 1]);
            }
        }
        return new Case(name, contentType, all, body, null, List.of(), List.of());
    }

    /** What a binary-mode case with the default headers stores: its attributes plus {@code members}. */
    private static String binaryStored(String members) {
        return "{\"specversion\":\"1.0\",\"id\":\"1234-1234-1234\",\"source\":\"/mycontext/subcontext\","
                + "\"type\":\"com.example.someevent\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    static Stream<Case> cases() {
        return Stream.of(
                // conformance repository, features/http-protocol-binding.feature
                binary("conformance: binary, application/json", "application/json",
                        "{\n    \"message\": \"Hello World!\"\n}", "ce-time", "2018-04-05T03:56:24Z")
                        .stores(binaryStored("\"time\":\"2018-04-05T03:56:24Z\",\"datacontenttype\":\"application/json\","
                                + "\"data\":{\"message\":\"Hello World!\"}")),
                binary("conformance: binary, application/json; charset=utf-8", "application/json; charset=utf-8",
                        "{\"message\": \"Hello World!\"}", "ce-time", "2018-04-05T03:56:24Z")
                        .stores(binaryStored("\"time\":\"2018-04-05T03:56:24Z\",\"datacontenttype\":\"application/json; "
                                + "charset=utf-8\",\"data\":{\"message\":\"Hello World!\"}")),
                event("conformance: structured", "\"time\":\"2018-04-05T03:56:24Z\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"message\":\"Hello World!\"}"),
                withContentType(event("conformance: structured, charset=utf-8", "\"data\":{\"message\":\"Hello World!\"}"),
                        "application/cloudevents+json; charset=utf-8"),

                // accepted exactly as sent
                event("only the required attributes", ""),
                event("every core attribute", "\"time\":\"2018-04-05T17:31:00Z\",\"subject\":\"123\","
                        + "\"dataschema\":\"https://example.com/schemas/user.json\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"a\":1}"),
                raw("source as an absolute URI", "{" + CORE.replace("/mycontext", "https://github.com/cloudevents")
                        + "}").stores("{" + CORE.replace("/mycontext", "https://github.com/cloudevents") + "}"),
                raw("source as a URN", "{" + CORE.replace("/mycontext", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66")
                        + "}").stores("{" + CORE.replace("/mycontext", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66") + "}"),
                raw("source as a bare name (a relative reference)", "{" + CORE.replace("/mycontext", "users") + "}")
                        .stores("{" + CORE.replace("/mycontext", "users") + "}"),
                event("time with nanoseconds", "\"time\":\"2018-04-05T17:31:00.123456789Z\""),
                event("time with an offset", "\"time\":\"2018-04-05T17:31:00+08:00\""),
                event("time with lower-case t and z (RFC 3339 §5.6)", "\"time\":\"2018-04-05t17:31:00z\""),
                event("time on a leap second", "\"time\":\"2016-12-31T23:59:60Z\""),
                event("subject", "\"subject\":\"users/U1\""),
                event("dataschema as an absolute URI", "\"dataschema\":\"urn:example:schema:user\""),
                event("application/vnd.example+json with object data (JSON format §3.1.1)",
                        "\"datacontenttype\":\"application/vnd.example+json\",\"data\":{\"a\":1}"),
                event("application/vnd.api+json with array data", "\"datacontenttype\":\"application/vnd.api+json\","
                        + "\"data\":[1,2]"),
                event("APPLICATION/JSON in upper case", "\"datacontenttype\":\"APPLICATION/JSON\",\"data\":{\"a\":1}"),
                event("text/json", "\"datacontenttype\":\"text/json\",\"data\":{\"a\":1}"),
                event("text/plain with text data", "\"datacontenttype\":\"text/plain\",\"data\":\"hello world\""),
                event("text/xml with text data", "\"datacontenttype\":\"text/xml\",\"data\":\"<a>1</a>\""),
                event("data_base64 without datacontenttype", "\"data_base64\":\"aGVsbG8gd29ybGQ=\""),
                event("data_base64 with application/octet-stream", "\"datacontenttype\":\"application/octet-stream\","
                        + "\"data_base64\":\"AAEC\""),
                event("data_base64 with text/plain is kept as sent", "\"datacontenttype\":\"text/plain\","
                        + "\"data_base64\":\"aGk=\""),
                event("data null (an explicit null payload)", "\"data\":null"),
                event("data as a JSON string without datacontenttype", "\"data\":\"just text\""),
                event("data as a JSON number", "\"data\":42"),
                event("string extension", "\"comexampleextension1\":\"value\""),
                event("integer extension", "\"comexampleothervalue\":5"),
                event("boolean extension", "\"flag\":true"),
                event("largest Integer extension", "\"big\":2147483647"),
                event("smallest Integer extension", "\"small\":-2147483648"),
                event("extension named by digits only", "\"123\":\"x\""),
                event("id beyond ASCII", "\"subject\":\"用户 U1\""),
                event("a 20-character extension name", "\"abcdefghijklmnopqrst\":\"x\""),
                event("a 21-character extension name is accepted with a warning", "\"abcdefghijklmnopqrstu\":\"x\"")
                        .warnsAt("$.abcdefghijklmnopqrstu"),
                raw("an extension set to null is unset (JSON format §2.2)", "{" + CORE + ",\"ext\":null}")
                        .stores("{" + CORE + "}"),
                raw("optional core attributes set to null are unset", "{" + CORE + ",\"subject\":null,\"time\":null,"
                        + "\"datacontenttype\":null,\"dataschema\":null,\"data_base64\":null}").stores("{" + CORE + "}"),
                raw("data_base64 null beside data", "{" + CORE + ",\"data\":{\"a\":1},\"data_base64\":null}")
                        .stores("{" + CORE + ",\"data\":{\"a\":1}}"),

                // refused, at the attribute
                raw("id missing", "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}").refusedAt("$.id"),
                raw("id empty", "{" + CORE.replace("A234-1234-1234", "") + "}").refusedAt("$.id"),
                raw("id a number", "{\"specversion\":\"1.0\",\"id\":7,\"source\":\"/s\",\"type\":\"t\"}").refusedAt("$.id"),
                raw("id null", "{\"specversion\":\"1.0\",\"id\":null,\"source\":\"/s\",\"type\":\"t\"}").refusedAt("$.id"),
                raw("source missing", "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\"}").refusedAt("$.source"),
                raw("source empty", "{" + CORE.replace("/mycontext", "") + "}").refusedAt("$.source"),
                raw("source with a space", "{" + CORE.replace("/mycontext", "/my context") + "}").refusedAt("$.source"),
                raw("source beyond ASCII, not percent-encoded", "{" + CORE.replace("/mycontext", "/用户") + "}")
                        .refusedAt("$.source"),
                raw("type missing", "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\"}").refusedAt("$.type"),
                raw("type empty", "{" + CORE.replace("com.example.someevent", "") + "}").refusedAt("$.type"),
                raw("specversion missing", "{\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}").refusedAt("$.specversion"),
                raw("specversion 0.3", "{" + CORE.replace("1.0", "0.3") + "}").refusedAt("$.specversion"),
                raw("specversion a number", "{" + CORE.replace("\"1.0\"", "1.0") + "}").refusedAt("$.specversion"),
                raw("time yesterday", "{" + CORE + ",\"time\":\"yesterday\"}").refusedAt("$.time"),
                raw("time a date only", "{" + CORE + ",\"time\":\"2018-04-05\"}").refusedAt("$.time"),
                raw("time on 30 February", "{" + CORE + ",\"time\":\"2018-02-30T00:00:00Z\"}").refusedAt("$.time"),
                raw("time without an offset", "{" + CORE + ",\"time\":\"2018-04-05T17:31:00\"}").refusedAt("$.time"),
                event("time on 29 February of a leap year", "\"time\":\"2024-02-29T00:00:00Z\""),
                raw("time on 29 February of another year", "{" + CORE + ",\"time\":\"2023-02-29T00:00:00Z\"}")
                        .refusedAt("$.time"),
                raw("time with an offset past 23 hours", "{" + CORE + ",\"time\":\"2023-02-01T00:00:00+24:00\"}")
                        .refusedAt("$.time"),
                raw("time with a dot but no fraction", "{" + CORE + ",\"time\":\"2023-02-01T00:00:00.Z\"}")
                        .refusedAt("$.time"),
                raw("source with an IPv6 host", "{" + CORE.replace("/mycontext", "http://[::1]:8080/users") + "}")
                        .stores("{" + CORE.replace("/mycontext", "http://[::1]:8080/users") + "}"),
                raw("source with a broken IPv6 host", "{" + CORE.replace("/mycontext", "http://[::1/users") + "}")
                        .refusedAt("$.source"),
                raw("source whose first segment has a colon but is no scheme", "{" + CORE.replace("/mycontext", "1a:b")
                        + "}").refusedAt("$.source"),
                raw("source with a bad percent escape", "{" + CORE.replace("/mycontext", "/a%zz") + "}")
                        .refusedAt("$.source"),
                raw("source with two fragments", "{" + CORE.replace("/mycontext", "/a#b#c") + "}").refusedAt("$.source"),
                raw("source with percent-encoded characters", "{" + CORE.replace("/mycontext", "/%E7%94%A8") + "}")
                        .stores("{" + CORE.replace("/mycontext", "/%E7%94%A8") + "}"),
                raw("time a number", "{" + CORE + ",\"time\":1522949460}").refusedAt("$.time"),
                raw("dataschema relative", "{" + CORE + ",\"dataschema\":\"schemas/user.json\"}").refusedAt("$.dataschema"),
                raw("dataschema empty", "{" + CORE + ",\"dataschema\":\"\"}").refusedAt("$.dataschema"),
                raw("subject empty", "{" + CORE + ",\"subject\":\"\"}").refusedAt("$.subject"),
                raw("datacontenttype not a media type", "{" + CORE + ",\"datacontenttype\":\"json\"}")
                        .refusedAt("$.datacontenttype"),
                raw("datacontenttype with a broken parameter", "{" + CORE + ",\"datacontenttype\":\"text/plain; charset\"}")
                        .refusedAt("$.datacontenttype"),
                raw("data_base64 not Base64", "{" + CORE + ",\"data_base64\":\"%%%\"}").refusedAt("$.data_base64"),
                raw("data_base64 a number", "{" + CORE + ",\"data_base64\":12}").refusedAt("$.data_base64"),
                raw("data and data_base64 together", "{" + CORE + ",\"data\":\"a\",\"data_base64\":\"YQ==\"}")
                        .refusedAt("$.data_base64"),
                raw("object data under text/plain", "{" + CORE + ",\"datacontenttype\":\"text/plain\",\"data\":{\"a\":1}}")
                        .refusedAt("$.data"),
                raw("extension name with upper case", "{" + CORE + ",\"Ext\":\"x\"}").refusedAt("$.Ext"),
                raw("extension name with a hyphen", "{" + CORE + ",\"my-ext\":\"x\"}").refusedAt("$['my-ext']"),
                raw("extension name with an underscore", "{" + CORE + ",\"my_ext\":\"x\"}").refusedAt("$.my_ext"),
                raw("an invalid extension name set to null", "{" + CORE + ",\"Zz-9\":null}").refusedAt("$['Zz-9']"),
                raw("extension an object", "{" + CORE + ",\"ext\":{\"nested\":true}}").refusedAt("$.ext"),
                raw("extension an array", "{" + CORE + ",\"ext\":[1]}").refusedAt("$.ext"),
                raw("extension a fraction", "{" + CORE + ",\"ext\":1.5}").refusedAt("$.ext"),
                raw("extension past the Integer range", "{" + CORE + ",\"ext\":2147483648}").refusedAt("$.ext"),
                raw("a control character in subject", "{" + CORE + ",\"subject\":\"a\\u0001b\"}").refusedAt("$.subject"),
                raw("a newline in id", "{" + CORE.replace("A234-1234-1234", "a\\nb") + "}").refusedAt("$.id"),
                raw("a C1 control character in an extension", "{" + CORE + ",\"ext\":\"a\\u0085b\"}").refusedAt("$.ext"),
                raw("a noncharacter in subject", "{" + CORE + ",\"subject\":\"a\\uFFFFb\"}").refusedAt("$.subject"),
                raw("a lone surrogate in subject", "{" + CORE + ",\"subject\":\"a\\uD800b\"}").refusedAt("$.subject"),
                raw("not an object", "[1]").refusedAt("$"),
                raw("not JSON", "{\"specversion\":").refusedAt("$"),
                raw("a duplicated attribute", "{" + CORE + ",\"subject\":\"a\",\"subject\":\"b\"}").refusedAt("$"),
                raw("every problem at once", "{\"specversion\":\"1.0\",\"time\":\"never\"}")
                        .refusedAt("$.id", "$.source", "$.type", "$.time"),

                // binary mode (HTTP binding §3.1)
                binary("binary without Content-Type keeps the bytes as data_base64 (JSON format §3.1.1)", null,
                        "hello world").stores(binaryStored("\"data_base64\":\"aGVsbG8gd29ybGQ=\"")).warnsAt("body"),
                binary("binary JSON without Content-Type keeps every byte", null, "{\"a\":1}")
                        .stores(binaryStored("\"data_base64\":\"eyJhIjoxfQ==\"")).warnsAt("body"),
                binary("binary text/plain is text data", "text/plain", "hello world")
                        .stores(binaryStored("\"datacontenttype\":\"text/plain\",\"data\":\"hello world\"")),
                binary("binary application/xml is text data", "application/xml", "<a>1</a>")
                        .stores(binaryStored("\"datacontenttype\":\"application/xml\",\"data\":\"<a>1</a>\"")),
                binary("binary text in ISO-8859-1", "text/plain; charset=iso-8859-1", new byte[] {'c', 'a', 'f', (byte) 0xE9})
                        .stores(binaryStored("\"datacontenttype\":\"text/plain; charset=iso-8859-1\",\"data\":\"café\"")),
                binary("binary text that is not UTF-8 stays bytes", "text/plain", new byte[] {'a', (byte) 0xC0, (byte) 0xA0})
                        .stores(binaryStored("\"datacontenttype\":\"text/plain\",\"data_base64\":\"YcCg\"")).warnsAt("body"),
                binary("binary application/octet-stream", "application/octet-stream", new byte[] {0, 1, 2})
                        .stores(binaryStored("\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC\"")),
                binary("binary application/vnd.example+json", "application/vnd.example+json", "[true]")
                        .stores(binaryStored("\"datacontenttype\":\"application/vnd.example+json\",\"data\":[true]")),
                binary("binary with an empty body has no data", "application/json", "")
                        .stores(binaryStored("\"datacontenttype\":\"application/json\"")),
                binary("binary percent-encoded subject (§3.1.3.2)", "application/json", "{}",
                        "ce-subject", "Euro%20%E2%82%AC%20%F0%9F%98%80")
                        .stores(binaryStored("\"subject\":\"Euro € \uD83D\uDE00\",\"datacontenttype\":\"application/json\","
                                + "\"data\":{}")),
                binary("binary lower-case percent hex", "application/json", "{}", "ce-subject", "%e2%82%ac")
                        .stores(binaryStored("\"subject\":\"€\",\"datacontenttype\":\"application/json\",\"data\":{}")),
                binary("binary %25 is a percent sign", "application/json", "{}", "ce-subject", "100%25")
                        .stores(binaryStored("\"subject\":\"100%\",\"datacontenttype\":\"application/json\",\"data\":{}")),
                binary("binary unnecessarily encoded %61bc", "application/json", "{}", "ce-subject", "%61bc")
                        .stores(binaryStored("\"subject\":\"abc\",\"datacontenttype\":\"application/json\",\"data\":{}")),
                binary("binary double-quoted value", "application/json", "{}", "ce-subject", "\"hello world\"")
                        .stores(binaryStored("\"subject\":\"hello world\",\"datacontenttype\":\"application/json\","
                                + "\"data\":{}")),
                binary("binary quoted value with a backslash escape", "application/json", "{}", "ce-subject",
                        "\"say \\\"hi\\\"\"").stores(binaryStored("\"subject\":\"say \\\"hi\\\"\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{}")),
                binary("binary extension header", "application/json", "{}", "ce-traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                        .stores(binaryStored("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                                + "\"datacontenttype\":\"application/json\",\"data\":{}")),
                binary("binary header names in any case", "application/json", "{}", "ce-id", null, "CE-ID", "X1")
                        .stores("{\"specversion\":\"1.0\",\"source\":\"/mycontext/subcontext\",\"type\":"
                                + "\"com.example.someevent\",\"id\":\"X1\",\"datacontenttype\":\"application/json\",\"data\":{}}"),
                binary("binary overlong UTF-8 %C0%A0 (MUST reject)", "application/json", "{}", "ce-subject", "a%C0%A0b")
                        .refusedAt("ce-subject"),
                binary("binary % without hex digits", "application/json", "{}", "ce-subject", "100%")
                        .refusedAt("ce-subject"),
                binary("binary unclosed quote", "application/json", "{}", "ce-subject", "\"open").refusedAt("ce-subject"),
                binary("binary empty ce-id", "application/json", "{}", "ce-id", "").refusedAt("ce-id"),
                binary("binary without ce-type", "application/json", "{}", "ce-type", null).refusedAt("ce-type"),
                binary("binary ce-specversion 0.3", "application/json", "{}", "ce-specversion", "0.3")
                        .refusedAt("ce-specversion"),
                binary("binary ce-time not a timestamp", "application/json", "{}", "ce-time", "yesterday")
                        .refusedAt("ce-time"),
                binary("binary relative ce-dataschema", "application/json", "{}", "ce-dataschema", "schemas/user.json")
                        .refusedAt("ce-dataschema"),
                binary("binary ce-datacontenttype beside Content-Type", "application/json", "{}",
                        "ce-datacontenttype", "application/json").refusedAt("ce-datacontenttype"),
                binary("binary attribute header with an underscore", "application/json", "{}", "ce-my_ext", "x")
                        .refusedAt("ce-my_ext"),
                binary("binary body that is not the JSON its Content-Type says", "application/json", "{not json")
                        .refusedAt("body"),
                binary("binary Content-Type that is no media type", "json", "{}").refusedAt("Content-Type"),

                // batched mode (HTTP binding §3.3)
                batch("batch of two", "[{" + CORE + "},{" + CORE.replace("A234", "B234") + "}]")
                        .stores("[{" + CORE + "},{" + CORE.replace("A234", "B234") + "}]"),
                batch("empty batch", "[]").stores("[]"),
                batch("batch with one bad event", "[{" + CORE + "},{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}]")
                        .refusedAt("$[1].id"),
                batch("batch with nulls unset", "[{" + CORE + ",\"ext\":null}]").stores("[{" + CORE + "}]"),
                batch("batch that is not an array", "{" + CORE + "}").refusedAt("$"));
    }

    private static Case withContentType(Case c, String contentType) {
        return new Case(c.name(), contentType, c.headers(), c.body(), c.stored(), c.refusedAt(), c.warnedAt());
    }

    private static Case batch(String name, String json) {
        return new Case(name, "application/cloudevents-batch+json", Map.of(), json.getBytes(StandardCharsets.UTF_8),
                null, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAcceptedExactlyAsTheJsonFormatRendersItOrRefusedAtTheAttribute(Case c) throws Exception {
        CloudEventReading reading = HttpCloudEvents.read(c.contentType(), headers(c), c.body());

        if (c.stored() != null) {
            assertThat(reading.problems()).as("problems").isEmpty();
            JsonNode expected = Json.MAPPER.readTree(c.stored());
            List<JsonNode> events = expected.isArray() ? toList(expected) : List.of(expected);
            assertThat(reading.events()).as("stored").hasSize(events.size());
            for (int i = 0; i < events.size(); i++) {
                assertThat(reading.events().get(i)).isEqualTo(events.get(i));
            }
        } else {
            assertThat(reading.events()).isEmpty();
            assertThat(reading.problems()).as(reading.describeProblems()).extracting(FlowProblem::path)
                    .containsExactlyInAnyOrderElementsOf(c.refusedAt());
            assertThat(reading.problems()).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        }
        assertThat(reading.warnings()).extracting(FlowProblem::path).containsExactlyElementsOf(c.warnedAt());
    }

    @Test
    void theTableHoldsAtLeastSixtyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void refusesCloudEventsFormatsOtherThanJson() {
        for (String contentType : new String[] {"application/cloudevents+xml", "application/cloudevents-batch+avro"}) {
            assertThatThrownBy(() -> HttpCloudEvents.read(contentType, Map.of(), "<a/>".getBytes()))
                    .isInstanceOf(HttpCloudEvents.UnsupportedFormat.class).hasMessageContaining("JSON event format");
        }
    }

    @Test
    void aRequestWithoutCloudEventsHeadersOrStructuredContentTypeIsNoCloudEvent() {
        CloudEventReading reading = HttpCloudEvents.read("application/json",
                Map.of("accept", List.of("*/*")), "{\"no\":\"headers\"}".getBytes());

        assertThat(reading.problems()).extracting(FlowProblem::path).containsExactly("$");
        assertThat(reading.problems().get(0).message()).contains("ce-specversion", "application/cloudevents+json");
    }

    @Test
    void aBinaryAttributeSentTwiceIsRefused() {
        Map<String, List<String>> headers = headers(binary("twice", "application/json", "{}"));
        headers.put("ce-subject", List.of("a", "b"));

        CloudEventReading reading = HttpCloudEvents.read("application/json", headers, "{}".getBytes());

        assertThat(reading.problems()).extracting(FlowProblem::path).containsExactly("ce-subject");
    }

    private static Map<String, List<String>> headers(Case c) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.headers().forEach((name, value) -> headers.put(name, new ArrayList<>(Arrays.asList(value))));
        return headers;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
