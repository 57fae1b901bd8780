package dev.sluice.template;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

import dev.sluice.json.Json;

/**
 * Every value a template inserts is made safe for JSON: a string is escaped for a JSON string ({@code "} and
 * {@code \} and control characters), so {@code "name": "$data.name"} stays valid whatever the name holds; a map
 * or list becomes its JSON object or array; {@code $json.quote(...)} output goes in as it is. When rendering text
 * rather than JSON, strings go in as they are. A null value of a plain reference ({@code $name}, {@code ${name}})
 * inserts what {@code whenNull} says for the name, else the reference as written, as Velocity does; a quiet one
 * ({@code $!name}) nothing. Also counts the inserted characters against the render's budget.
 */
final class JsonInsertion implements ReferenceInsertionEventHandler {

    private final boolean escape;
    private final Map<String, String> whenNull;

    /**
     * @param escape   whether strings are escaped for JSON
     * @param whenNull for plain references by name, what a null value inserts
     */
    JsonInsertion(boolean escape, Map<String, String> whenNull) {
        this.escape = escape;
        this.whenNull = whenNull;
    }

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        String text = switch (value) {
            case null -> whenNull(reference);
            case JsonLiteral literal -> literal.json();
            case String string -> escape ? escape(string) : string;
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case java.util.Map<?, ?> map -> json(map);
            case java.util.Collection<?> list -> json(list);
            default -> escape ? escape(value.toString()) : value.toString();
        };
        if (text != null) {
            RenderBudget.inserted(text.length());
        }
        return text;
    }

    /** {@code $name} or {@code ${name}} (not quiet, no property or method): what {@code whenNull} has for it. */
    private String whenNull(String reference) {
        if (reference.length() < 2 || reference.charAt(1) == '!') {
            return null;
        }
        String name = reference.charAt(1) == '{' && reference.endsWith("}")
                ? reference.substring(2, reference.length() - 1) : reference.substring(1);
        return whenNull.get(name);
    }

    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ToolFailure("a value cannot be written as JSON");
        }
    }

}
