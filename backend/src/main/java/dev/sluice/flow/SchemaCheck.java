package dev.sluice.flow;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A compiled JSON Schema (2020-12) that reports violations into {@link Problems} with JSONPath locations.
 * Thread-safe once built.
 */
public final class SchemaCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .formatAssertionsEnabled(true)
            .build();

    private final JsonSchema schema;

    private SchemaCheck(JsonSchema schema) {
        this.schema = schema;
    }

    public static SchemaCheck of(String schemaJson) {
        return new SchemaCheck(FACTORY.getSchema(schemaJson, CONFIG));
    }

    /** Adds a problem for each violation, located below {@code problems}' root. Returns true when none. */
    public boolean check(JsonNode document, Problems problems) {
        int before = problems.size();
        for (ValidationMessage violation : schema.validate(document)) {
            String location = violation.getInstanceLocation().toString();
            String relative = location.startsWith("$") ? location.substring(1) : location;
            String property = violation.getProperty();
            switch (violation.getType()) {
                case "required" -> problems.add(relative + Problems.key(property), "is required");
                case "additionalProperties", "unevaluatedProperties" ->
                        problems.add(relative + Problems.key(property), "is not a known setting here");
                default -> problems.add(relative, violation.getError());
            }
        }
        return problems.size() == before;
    }
}
