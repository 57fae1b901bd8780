package dev.sluice.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

import dev.sluice.flow.FlowJson;

/**
 * Every value a template inserts is made safe for JSON: a string is escaped for a JSON string ({@code "} and
 * {@code \} and control characters), so {@code "name": "$data.name"} stays valid whatever the name holds; a map
 * or list becomes its JSON object or array; {@code $json.quote(...)} output goes in as it is. Also counts the
 * inserted characters against the render's budget.
 */
final class JsonInsertion implements ReferenceInsertionEventHandler {

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        String text = switch (value) {
            case null -> null;
            case JsonLiteral literal -> literal.json();
            case String string -> escape(string);
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case java.util.Map<?, ?> map -> json(map);
            case java.util.Collection<?> list -> json(list);
            default -> escape(value.toString());
        };
        if (text != null) {
            RenderBudget.inserted(text.length());
        }
        return text;
    }

    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String json(Object value) {
        try {
            return FlowJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ToolFailure("a value cannot be written as JSON");
        }
    }

}
