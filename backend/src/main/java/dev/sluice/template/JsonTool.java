package dev.sluice.template;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.sluice.json.Json;

/** {@code $json}: values as JSON literals, for JSON templates. */
public final class JsonTool implements Toolbox {

    /**
     * The value as a JSON literal: a string quoted and escaped, a number or boolean as it is, a missing value as
     * {@code null}, a map or list as a JSON object or array. {@code "name": $json.quote($data.name)}.
     */
    public JsonLiteral quote(Object value) {
        try {
            return new JsonLiteral(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new ToolFailure("$json.quote cannot write this value as JSON");
        }
    }

    /** The field names of an object, in order; an empty list for anything else. {@code $json.keys($data)}. */
    public List<String> keys(Object value) {
        return value instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf).toList() : List.of();
    }

    /** A field of an object, or null when the value is no object or lacks it: {@code $json.field($data, 'x')}. */
    public Object field(Object value, String name) {
        return value instanceof Map<?, ?> map ? map.get(name) : null;
    }

    /** The string escaped for use inside a JSON string, without quotes; what plain {@code $x} inserts anyway. */
    public String escape(Object value) {
        return value == null ? "" : JsonInsertion.escape(String.valueOf(value));
    }
}
