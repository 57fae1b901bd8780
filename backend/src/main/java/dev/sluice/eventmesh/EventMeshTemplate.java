package dev.sluice.eventmesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EventMesh template as commons-text's {@code StringSubstitutor} reads it: {@code ${name}} placeholders,
 * {@code ${name:-default}} with a default for a name that is no variable, {@code $${name}} for the text
 * {@code ${name}}, everything else literal; a {@code ${name}} that is no variable stays as written.
 */
final class EventMeshTemplate {

    /** A piece of the template: literal text, or the variable a placeholder names. */
    sealed interface Part permits Text, Placeholder {
    }

    record Text(String text) implements Part {
    }

    record Placeholder(String name) implements Part {
    }

    private EventMeshTemplate() {
    }

    /** The template in parts; {@code variables} are the names EventMesh's {@code value} declares. */
    static List<Part> parse(String template, Set<String> variables) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            if (template.startsWith("$${", at)) {
                text.append("${");
                at += 3;
                continue;
            }
            int end = template.startsWith("${", at) ? template.indexOf('}', at + 2) : -1;
            if (end < 0) {
                text.append(template.charAt(at++));
                continue;
            }
            String inside = template.substring(at + 2, end);
            int delimiter = inside.indexOf(":-");
            String name = delimiter < 0 ? inside : inside.substring(0, delimiter);
            if (variables.contains(name)) {
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Placeholder(name));
            } else {
                text.append(delimiter < 0 ? "${" + inside + "}" : inside.substring(delimiter + 2));
            }
            at = end + 1;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return parts;
    }

    /**
     * The parts as a Sluice (Velocity) template that renders the same text: each placeholder as
     * <code>${sluiceName}</code>, literal text as it is unless Velocity would read something in it ({@code $},
     * {@code #}, {@code \}), then inside {@code #[[...]]#}.
     */
    static String velocity(List<Part> parts, Map<String, String> sluiceNames) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Placeholder(String name) -> out.append("${").append(sluiceNames.get(name)).append('}');
                case Text(String text) -> out.append(literal(text));
            }
        }
        return out.toString();
    }

    /** The template with every placeholder as {@code value}: how the output is shaped. */
    static String sample(List<Part> parts, String value) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part instanceof Text(String text) ? text : value);
        }
        return out.toString();
    }

    static String literal(String text) {
        if (text.indexOf('$') < 0 && text.indexOf('#') < 0 && text.indexOf('\\') < 0) {
            return text;
        }
        // "]]#" would end the unparsed block: close it after "]]" and open another for the "#"
        return "#[[" + text.replace("]]#", "]]]]##[[#") + "]]#";
    }
}
