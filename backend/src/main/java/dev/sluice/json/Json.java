package dev.sluice.json;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings every part of Sluice reads and writes events, flows and configs with. */
public final class Json {

    /**
     * Shared, thread-safe mapper: rejects duplicate keys instead of keeping the last and trailing tokens instead of
     * ignoring them, writes map keys sorted, and bounds nesting (200) and string length (5 MB).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Jackson's "(start marker at [Source: REDACTED (`…` disabled); line: 1, column: 10])". */
    private static final Pattern SOURCE_NOTE = Pattern.compile(
            "\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(5_000_000)
                .build());
    }

    private Json() {
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
}
