package dev.sluice.pipeline;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a setting of a node's config record appears in its JSON Schema, which {@link NodeSpec#configSchema} generates
 * from the record: on a record component it describes the setting, on a list item or map value type (as a type
 * annotation) each element, on a record class the object as a whole. Attributes left at their defaults add nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.TYPE})
public @interface Setting {

    /** Absent is unset. */
    int UNSET = -1;

    String title() default "";

    String description() default "";

    /** Tells the designer which editor to offer: {@code http-connection}, {@code secret-ref}, {@code event-pattern}. */
    String format() default "";

    String contentMediaType() default "";

    boolean required() default false;

    String pattern() default "";

    int minLength() default UNSET;

    int maxLength() default UNSET;

    int minItems() default UNSET;

    boolean uniqueItems() default false;

    int minProperties() default UNSET;

    long minimum() default Long.MIN_VALUE;

    long maximum() default Long.MAX_VALUE;

    /** The values allowed, when they are few. */
    String[] oneOf() default {};

    /** The default, as JSON ({@code 10000}, {@code true}) or as plain text ({@code POST}). */
    String defaultValue() default "";

    /** On a record class: exactly one of these settings must be given. */
    String[] exactlyOneOf() default {};

    /** A schema too rich for annotations (one form per mask mode), written by code: replaces what the type gives. */
    Class<? extends SchemaSource> schema() default SchemaSource.class;
}
