package dev.sluice.pipeline.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Replaces every match of {@code pattern} with {@code replacement} ({@code $1}, {@code ${name}} insert a
 * group; {@code \$} is a literal dollar). Patterns use RE2 syntax and run on RE2/J in linear time (see
 * {@link MaskPatterns}). A value longer than {@value #MAX_INPUT} characters, or a result longer than
 * {@value #MAX_RESULT} (an empty pattern with a long replacement), fails the event: it is never passed on
 * unmasked, and no value can tie up the engine.
 */
record MaskRegexReplace(Pattern pattern, String replacement) implements Masker {

    static final int MAX_INPUT = 100_000;
    static final int MAX_RESULT = 1_000_000;

    static MaskRegexReplace of(ObjectNode rule) {
        String replacement = rule.path("replacement").asText();
        Pattern pattern = MaskPatterns.compile(rule.path("pattern").asText());
        String problem = MaskPatterns.replacementProblem(pattern, replacement);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new MaskRegexReplace(pattern, replacement);
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(replace(Masker.text(value)));
    }

    String replace(String text) throws Unmaskable {
        if (text.length() > MAX_INPUT) {
            throw new Unmaskable("regex-replace takes values of at most " + MAX_INPUT + " characters and this one is"
                    + " longer");
        }
        Matcher matcher = pattern.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, replacement);
            if (result.length() > MAX_RESULT) {
                throw new Unmaskable("the replacements would make the value longer than " + MAX_RESULT + " characters");
            }
        }
        matcher.appendTail(result);
        if (result.length() > MAX_RESULT) {
            throw new Unmaskable("the replacements would make the value longer than " + MAX_RESULT + " characters");
        }
        return result.toString();
    }
}
