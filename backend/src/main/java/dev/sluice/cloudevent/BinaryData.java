package dev.sluice.cloudevent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;
import dev.sluice.json.Json;

/**
 * The body of a binary-mode message (HTTP or AMQP) as the JSON format renders it (§3.1.1): JSON data as the JSON
 * value in {@code data}; text (as its content type and charset say) as a string in {@code data}; anything else,
 * and bytes without a content type, about which no assumption may be made, Base64 in {@code data_base64}.
 */
final class BinaryData {

    private BinaryData() {
    }

    /**
     * Puts {@code body} into {@code event}. A body that its JSON content type says is JSON but is not is a
     * problem at {@code problems}; bytes kept as {@code data_base64} where text was meant are a warning.
     */
    static void put(ObjectNode event, String contentType, byte[] body, Problems problems, Problems warnings) {
        if (body.length == 0) {
            return;
        }
        if (contentType == null || contentType.isBlank()) {
            warnings.add("has no content type, so its " + body.length + " bytes are kept as binary data "
                    + "(data_base64) that filters cannot read; send a content type such as application/json or "
                    + "text/plain");
            putBytes(event, body);
            return;
        }
        Optional<MediaType> type = MediaType.parse(contentType);
        if (type.isEmpty()) {
            putBytes(event, body); // the datacontenttype rule reports the content type itself
        } else if (type.get().isJson()) {
            putJson(event, type.get(), body, problems);
        } else if (type.get().isText()) {
            putText(event, type.get(), body, warnings);
        } else {
            putBytes(event, body);
        }
    }

    private static void putJson(ObjectNode event, MediaType type, byte[] body, Problems problems) {
        try {
            Charset charset = type.charset().orElse(StandardCharsets.UTF_8);
            JsonNode data = charset.equals(StandardCharsets.UTF_8) ? Json.MAPPER.readTree(body)
                    : Json.MAPPER.readTree(strictly(body, charset));
            if (data == null || data.isMissingNode()) {
                problems.add("is empty where its content type says JSON");
                return;
            }
            event.set("data", data);
        } catch (CharacterCodingException e) {
            problems.add("is not " + type.charsetName() + " text, as its content type says");
        } catch (JsonProcessingException e) {
            problems.add("is not the JSON its content type " + type.type() + "/" + type.subtype() + " says it is"
                    + Json.syntaxError(e));
        } catch (IOException e) {
            problems.add("cannot be read as JSON");
        }
    }

    private static void putText(ObjectNode event, MediaType type, byte[] body, Problems warnings) {
        Optional<Charset> charset = type.charsetName() == null ? Optional.of(StandardCharsets.UTF_8) : type.charset();
        if (charset.isEmpty()) {
            warnings.add("is kept as binary data (data_base64): its charset " + type.charsetName() + " is unknown");
            putBytes(event, body);
            return;
        }
        try {
            event.put("data", strictly(body, charset.get()));
        } catch (CharacterCodingException e) {
            warnings.add("is kept as binary data (data_base64): it is not " + charset.get().name()
                    + " text, as its content type says");
            putBytes(event, body);
        }
    }

    private static void putBytes(ObjectNode event, byte[] body) {
        event.put("data_base64", Base64.getEncoder().encodeToString(body));
    }

    private static String strictly(byte[] body, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
    }
}
