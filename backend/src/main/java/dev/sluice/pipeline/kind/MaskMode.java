package dev.sluice.pipeline.kind;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;

/**
 * The mask modes: each one's id, its title and description for the designer, the JSON Schema of its
 * options, the checks the schema cannot express, and how a rule of that mode is built. The mask node's
 * config schema is generated from this list.
 */
enum MaskMode {

    REDACT("redact", "Redact", "Replaces the whole value (whatever its type, null included) with a fixed text.",
            """
            {"replacement": {"type": "string", "maxLength": 1000, "default": "[REDACTED]", "title": "Replacement",
                             "description": "The text put in place of the value"}}""",
            List.of(), (rule, context) -> new Masker.Redact(rule.path("replacement").asText("[REDACTED]"))),

    PARTIAL("partial", "Keep first and last",
            "Masks every character but the first and last few, keeping the length: a 19-digit card with keepLast 4"
                    + " becomes 15 mask characters and its last 4 digits. Counts characters (code points), so a"
                    + " Chinese name masks per character. A value the kept parts would cover is masked whole.",
            keep("keepFirst", 0, "Characters kept at the start") + "," + keep("keepLast", 0,
                    "Characters kept at the end") + "," + maskCharOption(),
            List.of(), (rule, context) -> MaskPartial.of(rule)),

    EMAIL("email", "E-mail address",
            "Keeps the domain and the first characters of the local part, then three mask characters:"
                    + " zhang.wei@example.com becomes z***@example.com. A value that is not an e-mail address is"
                    + " masked whole.",
            keep("keepFirst", 1, "Characters of the local part kept") + "," + maskCharOption(),
            List.of(), (rule, context) -> MaskEmail.of(rule)),

    PHONE("phone", "Phone number",
            "Masks the digits but the first and last few, keeping separators and a +country code followed by a"
                    + " separator: 13812345678 becomes 138****5678, +86 13812345678 becomes +86 138****5678. A value"
                    + " with letters or without digits is masked whole.",
            keep("keepFirst", 3, "Digits kept at the start") + "," + keep("keepLast", 4, "Digits kept at the end")
                    + "," + maskCharOption(),
            List.of(), (rule, context) -> MaskPhone.of(rule)),

    HASH("hash", "Keyed hash (pseudonym)",
            "Replaces the value with hmac: and the lowercase hex of its HMAC-SHA-256 under a workspace secret: the"
                    + " same value always gives the same pseudonym, so records can still be joined, and nobody"
                    + " without the key can compute or reverse it. Numbers are hashed by their JSON text.",
            """
            {"secret": {"type": "string", "minLength": 1, "maxLength": 200, "title": "Key secret",
                        "description": "Name of the workspace secret that keys the hash"}}""",
            List.of("secret"), MaskHash::of),

    TRUNCATE("truncate", "Truncate", "Keeps at most the first maxLength characters (code points).",
            """
            {"maxLength": {"type": "integer", "minimum": 0, "maximum": 2147483647, "title": "Maximum length",
                           "description": "Characters kept from the start"}}""",
            List.of("maxLength"), (rule, context) -> MaskTruncate.of(rule)),

    GENERALIZE("generalize", "Generalize",
            "Coarsens a date to its year or month (1990-05-17 becomes 1990 or 1990-05), or a number to the range"
                    + " of width bucket that holds it (37 with bucket 10 becomes 30-39). Set exactly one of to and"
                    + " bucket. The result is a string; a value that does not fit fails the event.",
            """
            {"to": {"enum": ["year", "month"], "title": "Date to",
                    "description": "For ISO dates and date-times: keep only the year, or the year and month"},
             "bucket": {"type": "number", "exclusiveMinimum": 0, "title": "Range width",
                        "description": "For numbers: the width of the ranges, counted from 0 (10 gives 30-39)"}}""",
            List.of(), (rule, context) -> MaskGeneralize.of(rule)),

    NULLIFY("nullify", "Set to null", "Replaces the value with JSON null; the field stays.", "{}",
            List.of(), (rule, context) -> new Masker.Nullify()),

    REMOVE("remove", "Remove", "Removes the field (or the array element) altogether.", "{}",
            List.of(), (rule, context) -> new Masker.Remove()),

    REGEX_REPLACE("regex-replace", "Find and replace",
            "Replaces every match of an RE2 pattern (linear-time: no lookaround or backreferences) with the"
                    + " replacement, where $1 or ${name} insert a group.",
            """
            {"pattern": {"type": "string", "minLength": 1, "maxLength": 1000, "title": "Pattern",
                         "description": "RE2 regular expression, e.g. \\\\d{6}(\\\\d{8})"},
             "replacement": {"type": "string", "maxLength": 1000, "title": "Replacement",
                             "description": "Replaces each match; $1 or ${name} insert a group, \\\\$ a $"}}""",
            List.of("pattern", "replacement"), (rule, context) -> MaskRegexReplace.of(rule));

    private final String id;
    private final String title;
    private final String description;
    private final String options;
    private final List<String> required;
    private final Factory factory;

    MaskMode(String id, String title, String description, String options, List<String> required, Factory factory) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.options = options.strip().startsWith("{") ? options : "{" + options + "}";
        this.required = required;
        this.factory = factory;
    }

    static Optional<MaskMode> of(String id) {
        return Arrays.stream(values()).filter(mode -> mode.id.equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(MaskMode::id).toList();
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    /** JSON Schema properties of the mode's options (besides path and mode), as JSON object text. */
    String options() {
        return options;
    }

    List<String> required() {
        return required;
    }

    /** Builds a rule's masker; called once per flow version, after {@link #check} found nothing. */
    Masker build(ObjectNode rule, CompileContext context) {
        return factory.build(rule, context);
    }

    /** What the schema cannot check, reported below {@code problems} (rooted at the rule). */
    void check(ObjectNode rule, Problems problems) {
        if (rule.has("maskChar")) {
            int c = rule.get("maskChar").asText().codePointAt(0);
            if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                problems.add(".maskChar", "must not be a letter, digit, space or control character, so that a masked"
                        + " value cannot pass for a real one");
            }
        }
        switch (this) {
            case GENERALIZE -> {
                if (rule.has("to") == rule.has("bucket")) {
                    problems.add("generalize needs exactly one of to (year or month, for dates) and bucket"
                            + " (for numbers)");
                }
            }
            case REGEX_REPLACE -> {
                try {
                    String problem = MaskPatterns.replacementProblem(
                            MaskPatterns.compile(rule.path("pattern").asText()), rule.path("replacement").asText());
                    if (problem != null) {
                        problems.add(".replacement", problem);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(".pattern", e.getMessage());
                }
            }
            default -> {
            }
        }
    }

    static int maskChar(ObjectNode rule) {
        return rule.hasNonNull("maskChar") ? rule.get("maskChar").asText().codePointAt(0) : '*';
    }

    private static String maskCharOption() {
        return """
                "maskChar": {"type": "string", "minLength": 1, "maxLength": 1, "default": "*",
                             "title": "Mask character", "description": "One character that is not a letter, digit or space"}""";
    }

    private static String keep(String name, int defaultValue, String title) {
        return """
                "%s": {"type": "integer", "minimum": 0, "maximum": 2147483647, "default": %d, "title": "%s"}"""
                .formatted(name, defaultValue, title);
    }

    @FunctionalInterface
    private interface Factory {
        Masker build(ObjectNode rule, CompileContext context);
    }
}
