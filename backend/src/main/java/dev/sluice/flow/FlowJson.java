package dev.sluice.flow;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.sluice.json.Json;

/**
 * Flow documents to and from JSON. Writing is canonical: fixed key order for the format's own objects,
 * map keys sorted, two-space indent, so that an exported flow diffs cleanly in git and export → import →
 * export gives the same text.
 */
public final class FlowJson {

    /** For export: like {@link Json#MAPPER}, and every JSON object inside configs and tests written with sorted keys. */
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

    private FlowJson() {
    }

    /** Parses JSON text; a syntax error becomes one problem at {@code $} with line and column. */
    public static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFlowException("$", "is not valid JSON" + Json.syntaxError(e));
        }
    }

    /** Binds an already validated document. */
    public static Flow bind(JsonNode document) {
        try {
            return Json.MAPPER.treeToValue(document, Flow.class);
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
        return Json.MAPPER.valueToTree(flow);
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
