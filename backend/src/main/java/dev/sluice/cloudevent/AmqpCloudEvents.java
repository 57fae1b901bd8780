package dev.sluice.cloudevent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;

/**
 * Reads the CloudEvent in a broker message, by the CloudEvents AMQP binding: binary mode (attributes as
 * {@code cloudEvents_} or {@code cloudEvents:} headers, {@code content-type} as datacontenttype, the body as data)
 * or structured mode ({@code content-type application/cloudevents+json}, which is how Sluice's own ingest
 * publishes). A JSON object body without either is read as structured, as publishers that set no content type
 * send it. The same rules as HTTP ingest apply, so what the engine reads is what ingest would have accepted.
 */
public final class AmqpCloudEvents {

    private static final String[] PREFIXES = {"cloudEvents_", "cloudEvents:"};

    private AmqpCloudEvents() {
    }

    /** The message's event, or why it is none. */
    public static CloudEventReading read(AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        String contentType = properties.getContentType();
        if (headers.keySet().stream().anyMatch(AmqpCloudEvents::isAttributeHeader)) {
            return binary(headers, contentType, body);
        }
        String mode = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (mode.startsWith("application/cloudevents-batch")) {
            return refused("content-type", "is a batch, which a broker message cannot be: publish one event per "
                    + "message");
        }
        if (mode.startsWith("application/cloudevents")
                && MediaType.parse(contentType).filter(type -> type.subtype().equals("cloudevents+json")).isEmpty()) {
            return refused("content-type", "names a CloudEvents format other than JSON, which Sluice does not read");
        }
        return structured(body, !mode.startsWith("application/cloudevents"));
    }

    private static CloudEventReading structured(byte[] body, boolean guessed) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return refused("body", guessed ? "is not a CloudEvent: neither binary mode (cloudEvents_ application "
                    + "properties) nor structured JSON (content-type application/cloudevents+json)"
                    : "is not valid JSON, though the content-type says application/cloudevents+json");
        }
        Problems problems = new Problems();
        Problems warnings = new Problems();
        if (!CloudEventRules.check(event, problems, warnings)) {
            return CloudEventReading.refused(problems.all(), warnings.all());
        }
        return new CloudEventReading(List.of(CloudEventRules.stored((ObjectNode) event)), List.of(), warnings.all());
    }

    private static CloudEventReading binary(Map<String, Object> headers, String contentType, byte[] body) {
        BinaryModeEvent event = new BinaryModeEvent(PREFIXES[0], "content-type");
        Character separator = null;
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            String name = header.getKey();
            if (!isAttributeHeader(name)) {
                continue;
            }
            char used = name.charAt(PREFIXES[0].length() - 1);
            if (separator != null && separator != used) {
                event.problem(name, "mixes the cloudEvents_ and cloudEvents: prefixes; a message uses one of them "
                        + "for all its attributes");
            }
            separator = used;
            String attribute = name.substring(PREFIXES[0].length());
            if (event.accepts(name, attribute)) {
                String problem = put(event.attributes(), attribute, header.getValue());
                if (problem != null) {
                    event.problem(name, problem);
                }
            }
        }
        return event.finish(contentType, body);
    }

    /** Puts an application property's value as the attribute's JSON value; the problem with it, or null. */
    private static String put(ObjectNode event, String attribute, Object value) {
        switch (value) {
            case LongString text -> {
                try {
                    event.put(attribute, StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(text.getBytes())).toString());
                } catch (CharacterCodingException e) {
                    return "is not UTF-8 text";
                }
            }
            case String text -> event.put(attribute, text);
            case Boolean flag -> event.put(attribute, flag);
            case Integer number -> event.put(attribute, number);
            case Short number -> event.put(attribute, number.intValue());
            case Byte number -> event.put(attribute, number.intValue());
            case Long number -> {
                if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                    return "must be between -2147483648 and 2147483647: a CloudEvents Integer";
                }
                event.put(attribute, number.intValue());
            }
            case Date time -> event.put(attribute, time.toInstant().toString());
            case byte[] bytes -> event.put(attribute, Base64.getEncoder().encodeToString(bytes));
            case null -> {
                // an unset attribute
            }
            default -> {
                return "has a value of a type CloudEvents attributes cannot have (a string, integer, boolean, "
                        + "timestamp or binary is expected)";
            }
        }
        return null;
    }

    private static boolean isAttributeHeader(String name) {
        for (String prefix : PREFIXES) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    private static CloudEventReading refused(String path, String message) {
        return CloudEventReading.refused(List.of(new FlowProblem(path, message)), List.of());
    }
}
