package dev.sluice.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventMesh's {@code ${data-name}}: Velocity reads {@code -} as the end of a name ({@code $first-$last} is two
 * references), and turning on its hyphenated names would change what {@code $a-$b} means in every template. So only
 * the braced form with a hyphen, {@code ${data-name}} or {@code $!{data-name}}, is rewritten before parsing, to an
 * alias of the same length ({@code ${_0_______}}) so that line and column in a syntax error still point at what the
 * author wrote. Aliases start with {@code _}, which no variable name, attribute or tool name does. Comments,
 * {@code #[[unparsed]]#} text and escaped {@code \${...}} stay as they are.
 *
 * @param text    the template as Velocity is to parse it
 * @param aliases each hyphenated name found to its alias, in order of first use
 */
record HyphenatedNames(String text, Map<String, String> aliases) {

    private static final Pattern REFERENCE = Pattern.compile("\\$(!?)\\{([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)+)}");
    private static final Pattern SKIPPED = Pattern.compile("(?s)##[^\\n]*|#\\*.*?\\*#|#\\[\\[.*?]]#");

    static HyphenatedNames rewrite(String text) {
        if (text.indexOf('-') < 0) {
            return new HyphenatedNames(text, Map.of());
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        Matcher skipped = SKIPPED.matcher(text);
        int at = 0;
        while (skipped.find()) {
            out.append(rewritePart(text.substring(at, skipped.start()), aliases)).append(skipped.group());
            at = skipped.end();
        }
        out.append(rewritePart(text.substring(at), aliases));
        return new HyphenatedNames(out.toString(), Map.copyOf(aliases));
    }

    private static String rewritePart(String part, Map<String, String> aliases) {
        Matcher reference = REFERENCE.matcher(part);
        StringBuilder out = new StringBuilder(part.length());
        int at = 0;
        while (reference.find()) {
            if (reference.start() > 0 && part.charAt(reference.start() - 1) == '\\') {
                continue;
            }
            String name = reference.group(2);
            String alias = aliases.computeIfAbsent(name, n -> alias(n, aliases.size()));
            out.append(part, at, reference.start()).append('$').append(reference.group(1)).append('{').append(alias)
                    .append('}');
            at = reference.end();
        }
        return out.append(part.substring(at)).toString();
    }

    /** {@code _} and the index in base 36, padded with {@code _} to the name's length. */
    private static String alias(String name, int index) {
        String alias = "_" + Integer.toString(index, Character.MAX_RADIX);
        if (alias.length() > name.length()) {
            // a name has at least three characters, so this takes more than 1,296 hyphenated names
            throw new IllegalArgumentException("the template uses too many different hyphenated names");
        }
        return alias + "_".repeat(name.length() - alias.length());
    }
}
