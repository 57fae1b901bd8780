package dev.sluice.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Flow documents to and from JSON. Writing is canonical: fixed key order for the format's own objects,
 * map keys sorted, two-space indent, so that an exported flow diffs cleanly in git and export → import →
 * export gives the same text.
 */
public final class FlowJson {

    /** Shared, thread-safe mapper for flows and events; rejects duplicate keys instead of keeping the last. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Jackson's "(start marker at [Source: REDACTED (`…` disabled); line: 1, column: 10])". */
    private static final Pattern SOURCE_NOTE = Pattern.compile(
            "\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    /** For export: like {@link #MAPPER}, and every JSON object inside configs and tests written with sorted keys. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    /** One array element per line and {@code "key": value}, as people write JSON, so diffs stay line-sized. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter PRETTY =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter(
                    com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(5_000_000)
                .build());
    }

    private FlowJson() {
    }

    /** Parses JSON text; a syntax error becomes one problem at {@code $} with line and column. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFlowException("$", "is not valid JSON" + syntaxError(e));
        }
    }

    /**
     * Where and why JSON text did not parse, for people: {@code " (line 1, column 39): Unexpected end-of-input…"},
     * without the parser's notes on its own settings that its messages carry.
     */
    public static String syntaxError(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String why = SOURCE_NOTE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll(" (opened at line $1, column $2)");
        return where + ": " + why;
    }

    /** Binds an already validated document. */
    public static Flow bind(JsonNode document) {
        try {
            return MAPPER.treeToValue(document, Flow.class);
        } catch (JsonProcessingException e) {
            throw new InvalidFlowException("$", "does not fit the flow format: " + e.getOriginalMessage());
        }
    }

    public static String write(Flow flow) {
        try {
            return CANONICAL.writer(PRETTY).writeValueAsString(flow) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Flow flow) {
        return MAPPER.valueToTree(flow);
    }

    public static String resource(String name) {
        try (var in = FlowJson.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
