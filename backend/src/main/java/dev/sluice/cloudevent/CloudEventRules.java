package dev.sluice.cloudevent;

import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;

/**
 * The rules a CloudEvent 1.0 in the JSON event format must meet, from the core specification and the JSON format:
 * required attributes, each attribute's type (String, URI-reference, URI, Timestamp, media type, Integer,
 * Boolean), attribute names, and how {@code data} and {@code data_base64} go with {@code datacontenttype}. A
 * {@code null} attribute is unset (JSON format §2.2). What the specification only recommends (names of at most 20
 * characters) is a warning, not a refusal.
 */
public final class CloudEventRules {

    public static final String SPEC_VERSION = "1.0";

    private static final String[] REQUIRED = {"specversion", "id", "source", "type"};
    private static final int RECOMMENDED_NAME_LENGTH = 20;
    private static final Set<String> CORE = Set.of("specversion", "id", "source", "type", "subject", "time",
            "dataschema", "datacontenttype", "data_base64");
    private static final String INVALID_NAME = "is not a valid attribute name: CloudEvents attribute names are "
            + "lower-case letters a-z and digits 0-9 only";

    private CloudEventRules() {
    }

    /** Reports every problem of {@code event}, rooted at {@code problems}; true when there is none. */
    public static boolean check(JsonNode event, Problems problems) {
        return check(event, problems, new Problems());
    }

    /**
     * Reports every problem of {@code event} at {@code problems}, and what the specification advises against at
     * {@code warnings}; true when there is no problem.
     */
    public static boolean check(JsonNode event, Problems problems, Problems warnings) {
        int before = problems.size();
        if (event == null || !event.isObject()) {
            problems.add("is not a CloudEvent: a JSON object is expected");
            return false;
        }
        for (String required : REQUIRED) {
            JsonNode value = event.get(required);
            if (value == null || value.isNull()) {
                problems.add("." + required, "is required");
            } else if (!value.isTextual()) {
                problems.add("." + required, "must be a string");
            } else if (value.asText().isEmpty()) {
                problems.add("." + required, "must not be empty");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (name.equals("data")) {
                continue;
            }
            if (!member.getValue().isNull()) {
                checkAttribute(name, member.getValue(), problems, warnings);
            } else if (!isCore(name) && !isAttributeName(name)) {
                problems.add(Problems.key(name), INVALID_NAME);
            }
        }
        checkData(event, problems);
        return problems.size() == before;
    }

    /** The event as Sluice stores it: without the attributes that are {@code null}, which means unset (a copy then). */
    public static ObjectNode stored(ObjectNode event) {
        boolean anyUnset = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext() && !anyUnset; ) {
            Map.Entry<String, JsonNode> member = it.next();
            anyUnset = member.getValue().isNull() && !member.getKey().equals("data");
        }
        if (!anyUnset) {
            return event;
        }
        ObjectNode copy = event.objectNode();
        event.fields().forEachRemaining(member -> {
            if (!member.getValue().isNull() || member.getKey().equals("data")) {
                copy.set(member.getKey(), member.getValue());
            }
        });
        return copy;
    }

    private static void checkAttribute(String name, JsonNode value, Problems problems, Problems warnings) {
        String at = Problems.key(name);
        if (isRequired(name) && !value.isTextual()) {
            return; // reported with the required attributes
        }
        switch (name) {
            case "specversion" -> {
                if (value.isTextual() && !value.asText().isEmpty() && !SPEC_VERSION.equals(value.asText())) {
                    problems.add(at, "must be 1.0: Sluice reads CloudEvents 1.0");
                }
            }
            case "id", "type" -> checkString(value, at, problems);
            case "source" -> {
                if (checkString(value, at, problems) && !value.asText().isEmpty()) {
                    checkUri(value.asText(), false, at, problems);
                }
            }
            case "subject" -> {
                if (checkString(value, at, problems) && value.asText().isEmpty()) {
                    problems.add(at, "must not be empty (leave subject out instead)");
                }
            }
            case "dataschema" -> {
                if (checkString(value, at, problems)) {
                    checkUri(value.asText(), true, at, problems);
                }
            }
            case "datacontenttype" -> {
                if (checkString(value, at, problems) && MediaType.parse(value.asText()).isEmpty()) {
                    problems.add(at, "must be a media type such as application/json or text/plain; charset=utf-8 "
                            + "(RFC 2046)");
                }
            }
            case "time" -> {
                if (checkString(value, at, problems) && !Rfc3339.isDateTime(value.asText())) {
                    problems.add(at, "must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z");
                }
            }
            case "data_base64" -> {
                if (!value.isTextual()) {
                    problems.add(at, "must be a string of Base64");
                } else if (!isBase64(value.asText())) {
                    problems.add(at, "must be Base64 (RFC 4648: A-Z, a-z, 0-9, + and /, padded with =)");
                }
            }
            default -> checkExtension(name, value, at, problems, warnings);
        }
    }

    private static void checkExtension(String name, JsonNode value, String at, Problems problems, Problems warnings) {
        if (!isAttributeName(name)) {
            problems.add(at, INVALID_NAME);
            return;
        }
        if (name.length() > RECOMMENDED_NAME_LENGTH) {
            warnings.add(at, "is longer than 20 characters; CloudEvents recommends at most 20, and some SDKs and "
                    + "brokers refuse longer names");
        }
        if (value.isTextual()) {
            checkString(value, at, problems);
        } else if (value.isNumber()) {
            if (!value.isIntegralNumber()) {
                problems.add(at, "must be a whole number: an extension number is a CloudEvents Integer");
            } else if (!value.canConvertToInt()) {
                problems.add(at, "must be between -2147483648 and 2147483647: an extension number is a CloudEvents "
                        + "Integer");
            }
        } else if (!value.isBoolean()) {
            problems.add(at, "an extension attribute must be a string, an integer or a boolean");
        }
    }

    /** {@code data} must fit {@code datacontenttype}; it and {@code data_base64} exclude each other. */
    private static void checkData(JsonNode event, Problems problems) {
        JsonNode data = event.get("data");
        JsonNode base64 = event.get("data_base64");
        if (data != null && base64 != null && !base64.isNull()) {
            problems.add(".data_base64", "cannot be given together with data");
            return;
        }
        JsonNode contentType = event.get("datacontenttype");
        if (data == null || data.isNull() || data.isTextual() || contentType == null || !contentType.isTextual()) {
            return;
        }
        MediaType.parse(contentType.asText()).filter(type -> !type.isJson()).ifPresent(type -> problems.add(".data",
                "must be a string, because datacontenttype " + type.type() + "/" + type.subtype() + " does not "
                        + "declare JSON (JSON data takes a JSON media type such as application/json)"));
    }

    private static boolean checkString(JsonNode value, String at, Problems problems) {
        if (!value.isTextual()) {
            problems.add(at, "must be a string");
            return false;
        }
        String text = value.asText();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isSurrogate((char) c)) {
                problems.add(at, "holds half of a UTF-16 surrogate pair, which is no character");
                return false;
            }
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                problems.add(at, String.format(Locale.ROOT, "holds the control character U+%04X, which CloudEvents "
                        + "strings may not hold", c));
                return false;
            }
            if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
                problems.add(at, String.format(Locale.ROOT, "holds U+%04X, a Unicode noncharacter, which CloudEvents "
                        + "strings may not hold", c));
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** RFC 3986: an ASCII URI reference; {@code absolute} asks for a scheme too. */
    private static void checkUri(String text, boolean absolute, String at, Problems problems) {
        String kind = absolute ? "an absolute URI (RFC 3986) such as https://schemas.example.com/user.json"
                : "a URI reference (RFC 3986) such as /user-center/users or urn:example:users";
        Integer fault = UriReference.problemAt(text);
        if (fault != null && text.charAt(fault) > 0x7E) {
            problems.add(at, "must be " + kind + "; characters beyond ASCII are written percent-encoded");
        } else if (fault != null) {
            problems.add(at, "must be " + kind + " (character " + (fault + 1) + " is not allowed there)");
        } else if (absolute && !UriReference.hasScheme(text)) {
            problems.add(at, "must be " + kind + ", with a scheme");
        }
    }

    private static boolean isCore(String name) {
        return CORE.contains(name);
    }

    private static boolean isRequired(String name) {
        for (String required : REQUIRED) {
            if (required.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isAttributeName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(String text) {
        if (text.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
