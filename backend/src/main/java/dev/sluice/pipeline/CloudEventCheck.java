package dev.sluice.pipeline;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;

/**
 * Whether a JSON value is a CloudEvent 1.0 in structured JSON form: required attributes present and
 * non-empty strings, {@code specversion} 1.0, extension names valid, optional attributes of the right type.
 * {@code data} may be any JSON value.
 */
public final class CloudEventCheck {

    private static final Set<String> STRING_ATTRIBUTES = Set.of("id", "source", "type", "specversion",
            "datacontenttype", "dataschema", "subject", "time", "data_base64");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");

    private CloudEventCheck() {
    }

    /** Reports every problem of {@code event}, rooted at {@code problems}. Returns true when there is none. */
    public static boolean check(JsonNode event, Problems problems) {
        int before = problems.size();
        if (event == null || !event.isObject()) {
            problems.add("is not a CloudEvent: a JSON object is expected");
            return false;
        }
        for (String required : new String[] {"specversion", "id", "source", "type"}) {
            JsonNode value = event.get(required);
            if (value == null || value.isNull()) {
                problems.add("." + required, "is required");
            } else if (!value.isTextual() || value.asText().isEmpty()) {
                problems.add("." + required, "must be a non-empty string");
            }
        }
        JsonNode version = event.get("specversion");
        if (version != null && version.isTextual() && !version.asText().isEmpty() && !"1.0".equals(version.asText())) {
            problems.add(".specversion", "must be 1.0");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            String name = attribute.getKey();
            if (name.equals("data") || name.equals("specversion") || name.equals("id") || name.equals("source")
                    || name.equals("type")) {
                continue;
            }
            if (STRING_ATTRIBUTES.contains(name)) {
                if (!attribute.getValue().isTextual() && !attribute.getValue().isNull()) {
                    problems.add(Problems.key(name), "must be a string");
                }
            } else if (!EXTENSION_NAME.matcher(name).matches()) {
                problems.add(Problems.key(name), "is not a valid extension attribute name (a-z, 0-9, at most 20)");
            } else if (attribute.getValue().isContainerNode()) {
                problems.add(Problems.key(name), "an extension attribute must be a string, number or boolean");
            }
        }
        if (event.has("data") && event.has("data_base64")) {
            problems.add(".data_base64", "cannot be given together with data");
        }
        return problems.size() == before;
    }
}
