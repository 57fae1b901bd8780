package dev.sluice.target;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Event types a target treats alike, written as globs: {@code user.deleted}, {@code *.deleted} ({@code *} is any run of
 * characters, dots included). Used for {@code deleteOn} and per-type HTTP methods.
 */
final class TypePattern {

    /** What a type glob may hold: CloudEvents types are printable, and a space or brace here is surely a slip. */
    static final String SYNTAX = "^[A-Za-z0-9._:/*-]{1,200}$";

    /** The default {@code deleteOn}: the user center's and most change-data-capture conventions. */
    static final List<String> DELETES = List.of("*.deleted");

    private final Pattern pattern;

    private TypePattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    static TypePattern of(String glob) {
        return new TypePattern(glob);
    }

    /** Whether any of {@code globs} matches {@code type}; a missing type matches none. */
    static boolean anyMatches(List<TypePattern> globs, String type) {
        return type != null && globs.stream().anyMatch(glob -> glob.matches(type));
    }

    static List<TypePattern> all(List<String> globs) {
        return globs.stream().map(TypePattern::of).toList();
    }

    boolean matches(String type) {
        return pattern.matcher(type).matches();
    }
}
