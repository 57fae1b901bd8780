package dev.sluice.pipeline;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Writes the JSON Schema (2020-12) of a config record from its components and their {@link Setting}s: a record is
 * an object that takes no other keys, a list an array, a {@code Map<String, V>} an object of V, {@link JsonNode} any
 * value and {@link ObjectNode} any object. Written by hand rather than with a schema generator library because the
 * settings' constraints sit on list items and map values as type annotations, which those do not read for maps.
 */
final class ConfigSchemas {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Map<Class<?>, String> GENERATED = new ConcurrentHashMap<>();

    private ConfigSchemas() {
    }

    /** The schema of {@code configType}, generated once. */
    static String of(Class<?> configType) {
        return GENERATED.computeIfAbsent(configType, type -> {
            try {
                return JSON.writeValueAsString(record(type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ObjectNode record(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record: a node's config is a record");
        }
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ArrayNode required = JSON.createArrayNode();
        ObjectNode properties = JSON.createObjectNode();
        for (RecordComponent component : type.getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            properties.set(component.getName(), value(component.getAnnotatedType(), setting));
            if (setting != null && setting.required()) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        Setting described = type.getAnnotation(Setting.class);
        if (described != null && described.exactlyOneOf().length > 0) {
            ArrayNode oneOf = schema.putArray("oneOf");
            for (String name : described.exactlyOneOf()) {
                oneOf.addObject().putArray("required").add(name);
            }
        }
        schema.set("properties", properties);
        return describe(schema, described);
    }

    private static ObjectNode value(AnnotatedType annotated, Setting setting) {
        if (setting != null && setting.schema() != SchemaSource.class) {
            return describe(custom(setting.schema()), setting);
        }
        Type type = annotated.getType();
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        ObjectNode schema;
        if (raw == String.class) {
            schema = JSON.createObjectNode().put("type", "string");
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            schema = JSON.createObjectNode().put("type", "integer");
        } else if (raw == Boolean.class || raw == boolean.class) {
            schema = JSON.createObjectNode().put("type", "boolean");
        } else if (raw == Double.class || raw == double.class) {
            schema = JSON.createObjectNode().put("type", "number");
        } else if (Collection.class.isAssignableFrom(raw)) {
            AnnotatedType item = typeArgument(annotated, 0);
            schema = JSON.createObjectNode().put("type", "array");
            schema.set("items", value(item, item.getAnnotation(Setting.class)));
        } else if (Map.class.isAssignableFrom(raw)) {
            AnnotatedType item = typeArgument(annotated, 1);
            schema = JSON.createObjectNode().put("type", "object");
            schema.set("additionalProperties", value(item, item.getAnnotation(Setting.class)));
        } else if (raw == ObjectNode.class) {
            schema = JSON.createObjectNode().put("type", "object");
        } else if (raw == JsonNode.class) {
            schema = JSON.createObjectNode();
        } else if (raw.isRecord()) {
            schema = record(raw);
        } else {
            throw new IllegalArgumentException("A config setting cannot be a " + raw.getName());
        }
        return describe(schema, setting);
    }

    private static AnnotatedType typeArgument(AnnotatedType annotated, int index) {
        if (!(annotated instanceof AnnotatedParameterizedType parameterized)) {
            throw new IllegalArgumentException("Say what a " + annotated.getType() + " setting holds");
        }
        return parameterized.getAnnotatedActualTypeArguments()[index];
    }

    private static ObjectNode custom(Class<? extends SchemaSource> source) {
        try {
            return source.getDeclaredConstructor().newInstance().schema();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(source.getName() + " needs a public no-argument constructor", e);
        }
    }

    private static ObjectNode describe(ObjectNode schema, Setting setting) {
        if (setting == null) {
            return schema;
        }
        put(schema, "format", setting.format());
        put(schema, "contentMediaType", setting.contentMediaType());
        if (setting.oneOf().length > 0) {
            ArrayNode allowed = schema.putArray("enum");
            for (String value : setting.oneOf()) {
                allowed.add(value);
            }
        }
        put(schema, "pattern", setting.pattern());
        put(schema, "minLength", setting.minLength());
        put(schema, "maxLength", setting.maxLength());
        put(schema, "minItems", setting.minItems());
        if (setting.uniqueItems()) {
            schema.put("uniqueItems", true);
        }
        put(schema, "minProperties", setting.minProperties());
        if (setting.minimum() != Long.MIN_VALUE) {
            schema.put("minimum", setting.minimum());
        }
        if (setting.maximum() != Long.MAX_VALUE) {
            schema.put("maximum", setting.maximum());
        }
        if (!setting.defaultValue().isEmpty()) {
            schema.set("default", defaultValue(setting.defaultValue()));
        }
        put(schema, "title", setting.title());
        put(schema, "description", setting.description());
        return schema;
    }

    private static JsonNode defaultValue(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static void put(ObjectNode schema, String keyword, String value) {
        if (!value.isEmpty()) {
            schema.put(keyword, value);
        }
    }

    private static void put(ObjectNode schema, String keyword, int value) {
        if (value != Setting.UNSET) {
            schema.put(keyword, value);
        }
    }
}
