package dev.sluice.base.ui;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validation message of the backend in the user's language. The backend writes its messages in English; the
 * English bundle holds the common ones as message patterns under {@code problem.*} ({@code no node has the id
 * ''{0}''}), and a message that matches one is shown by that key's translation with the same arguments. Any other
 * message, and any message in a language without the key, stays as the backend wrote it. Thread-safe.
 */
public final class ProblemTexts {

    private static final String BUNDLE = "vaadin-i18n.translations";
    private static final String PREFIX = "problem.";
    /** JSON types an argument may name ({@code string found, integer expected}): shown by {@code json.type.*}. */
    private static final Set<String> JSON_TYPES = Set.of("string", "integer", "number", "boolean", "object", "array",
            "null");
    private static final Pattern MARK = Pattern.compile("\u0000(\\d+)\u0001");
    private static final List<Known> KNOWN = known(PREFIX);
    /** Node summaries with words in them ({@code bankAccount → last 4}), under {@code summary.*}. */
    private static final List<Known> SUMMARIES = known("summary.");

    private ProblemTexts() {
    }

    /** {@code message} in {@code locale}, or as it is when no translation fits. */
    public static String message(String message, Locale locale) {
        return translated(message, locale, KNOWN);
    }

    /** A node's one-line summary in {@code locale}: most are names and values, some have a word to translate. */
    public static String summary(String summary, Locale locale) {
        return translated(summary, locale, SUMMARIES);
    }

    private static String translated(String message, Locale locale, List<Known> patterns) {
        if (message == null) {
            return null;
        }
        ResourceBundle bundle = bundle(locale);
        if (bundle == null) {
            return message;
        }
        for (Known known : patterns) {
            Matcher match = known.pattern().matcher(message);
            if (match.matches() && bundle.containsKey(known.key())) {
                Object[] arguments = new Object[known.count()];
                for (int group = 1; group <= match.groupCount(); group++) {
                    String argument = match.group(group);
                    arguments[known.arguments().get(group - 1)] = JSON_TYPES.contains(argument) && bundle.containsKey("json.type." + argument)
                            ? bundle.getString("json.type." + argument) : argument;
                }
                return new MessageFormat(bundle.getString(known.key()), locale).format(arguments);
            }
        }
        return message;
    }

    /**
     * @param arguments the argument index of each group of {@code pattern}, in order
     * @param count     how many arguments the pattern takes
     * @param literal   the length of its literal text
     */
    private record Known(String key, Pattern pattern, List<Integer> arguments, int count, int literal) {
    }

    /** The English patterns as regular expressions, the most specific (longest literal text) first. */
    private static List<Known> known(String prefix) {
        ResourceBundle english = bundle(Locale.ENGLISH);
        List<Known> known = new ArrayList<>();
        if (english == null) {
            return known;
        }
        for (String key : english.keySet()) {
            if (key.startsWith(prefix)) {
                known.add(known(key, new MessageFormat(english.getString(key), Locale.ENGLISH)));
            }
        }
        known.sort(Comparator.comparingInt(Known::literal).reversed());
        return List.copyOf(known);
    }

    /** Formatted with a mark for each argument, the pattern's quoting is undone: what is between marks is literal. */
    private static Known known(String key, MessageFormat format) {
        Object[] marks = new Object[format.getFormatsByArgumentIndex().length];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = "\u0000" + i + "\u0001";
        }
        String marked = format.format(marks);
        Matcher mark = MARK.matcher(marked);
        StringBuilder regex = new StringBuilder();
        List<Integer> arguments = new ArrayList<>();
        int literal = 0;
        int from = 0;
        while (mark.find()) {
            regex.append(Pattern.quote(marked.substring(from, mark.start()))).append("(.+?)");
            literal += mark.start() - from;
            arguments.add(Integer.parseInt(mark.group(1)));
            from = mark.end();
        }
        regex.append(Pattern.quote(marked.substring(from)));
        literal += marked.length() - from;
        return new Known(key, Pattern.compile(regex.toString(), Pattern.DOTALL), arguments, marks.length, literal);
    }

    private static ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale,
                    ProblemTexts.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException noBundle) {
            return null;
        }
    }
}
