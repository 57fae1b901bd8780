package dev.sluice.pipeline.kind;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * User regular expressions for masking, on RE2/J: no backtracking, matching time linear in the input times
 * the compiled program's size. What RE2/J leaves open is guarded here: a pattern longer than
 * {@value #MAX_PATTERN} characters, nested counted repetitions whose product passes {@value #MAX_REPEAT}
 * ({@code ((a{1000}){1000}){1000}} makes RE2/J build for minutes and then run out of memory) and programs over
 * {@value #MAX_PROGRAM} instructions are refused; {@link MaskRegexReplace} caps the input length, so one value
 * costs at most about {@value #MAX_PROGRAM} x {@value MaskRegexReplace#MAX_INPUT} steps (well under a second).
 * Real masking patterns are far smaller: a resident id pattern compiles to about 60 instructions.
 */
final class MaskPatterns {

    static final int MAX_PATTERN = 1000;
    static final int MAX_REPEAT = 1000;
    static final int MAX_PROGRAM = 1000;

    private MaskPatterns() {
    }

    /**
     * Compiles a user pattern, refusing those too costly to build or run.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Pattern compile(String regex) {
        if (regex.length() > MAX_PATTERN) {
            throw new IllegalArgumentException("is longer than " + MAX_PATTERN + " characters");
        }
        if (RepeatDepth.of(regex) > MAX_REPEAT) {
            throw new IllegalArgumentException("nests counted repetitions ({n}) too deeply: their product may be at"
                    + " most " + MAX_REPEAT);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid RE2 pattern: " + e.getMessage());
        }
        if (pattern.programSize() > MAX_PROGRAM) {
            throw new IllegalArgumentException("is too large once compiled (" + pattern.programSize()
                    + " instructions, at most " + MAX_PROGRAM + ")");
        }
        return pattern;
    }

    /** Why {@code replacement} does not fit {@code pattern}'s groups, or null when it does. */
    static String replacementProblem(Pattern pattern, String replacement) {
        // Same groups, matching the empty string: appendReplacement then checks every reference.
        Map<Integer, String> names = new TreeMap<>();
        pattern.namedGroups().forEach((name, index) -> names.put(index, name));
        StringBuilder probe = new StringBuilder();
        for (int group = 1; group <= pattern.groupCount(); group++) {
            probe.append(names.containsKey(group) ? "(?P<" + names.get(group) + ">)" : "()");
        }
        Matcher matcher = Pattern.compile(probe.toString()).matcher("");
        matcher.find();
        try {
            matcher.appendReplacement(new StringBuilder(), replacement);
            return null;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return "refers to a group the pattern does not have (" + e.getMessage() + "); write \\$ for a dollar sign";
        }
    }

    /**
     * The largest product of counted repetitions ({@code {n}}, {@code {n,}}, {@code {n,m}}) nested in a pattern:
     * {@code ((a{10}){10}){10}} gives 1000. Reads just enough RE2 syntax (escapes, {@code \Q..\E}, classes,
     * groups) not to mistake literals for repetitions; a malformed pattern is left to the compiler.
     */
    static final class RepeatDepth {
        private static final java.util.regex.Pattern REPEAT =
                java.util.regex.Pattern.compile("\\{(\\d{1,9})(,(\\d{0,9}))?}");

        private final String regex;
        private int at;

        private RepeatDepth(String regex) {
            this.regex = regex;
        }

        static long of(String regex) {
            return new RepeatDepth(regex).scan();
        }

        private long scan() {
            ArrayDeque<long[]> groups = new ArrayDeque<>();
            long[] current = {1};
            long atom = 1;
            long worst = 1;
            while (at < regex.length()) {
                char c = regex.charAt(at);
                switch (c) {
                    case '\\' -> {
                        skipEscape();
                        atom = 1;
                    }
                    case '[' -> {
                        skipClass();
                        atom = 1;
                    }
                    case '(' -> {
                        groups.push(current);
                        current = new long[] {1};
                        at++;
                        atom = 1;
                    }
                    case ')' -> {
                        atom = current[0];
                        current = groups.isEmpty() ? new long[] {1} : groups.pop();
                        current[0] = Math.max(current[0], atom);
                        at++;
                    }
                    case '{' -> {
                        long count = repeatCount();
                        if (count >= 0) {
                            atom = Math.min(Long.MAX_VALUE / 2, atom * Math.max(count, 1));
                            current[0] = Math.max(current[0], atom);
                            worst = Math.max(worst, atom);
                        } else {
                            at++;
                            atom = 1;
                        }
                    }
                    default -> {
                        at++;
                        atom = 1;
                    }
                }
                worst = Math.max(worst, current[0]);
            }
            return worst;
        }

        /** The larger bound of a {n}, {n,} or {n,m} at {@code at}, moving past it; -1 (not moving) for a literal brace. */
        private long repeatCount() {
            java.util.regex.Matcher m = REPEAT.matcher(regex).region(at, regex.length());
            if (!m.lookingAt()) {
                return -1;
            }
            at = m.end();
            long low = Long.parseLong(m.group(1));
            return m.group(3) == null || m.group(3).isEmpty() ? low : Math.max(low, Long.parseLong(m.group(3)));
        }

        private void skipEscape() {
            at++;
            if (at >= regex.length()) {
                return;
            }
            char c = regex.charAt(at);
            if (c == 'Q') {
                int end = regex.indexOf("\\E", at);
                at = end < 0 ? regex.length() : end + 2;
            } else if ((c == 'p' || c == 'P' || c == 'x') && at + 1 < regex.length() && regex.charAt(at + 1) == '{') {
                int end = regex.indexOf('}', at);
                at = end < 0 ? regex.length() : end + 1;
            } else {
                at++;
            }
        }

        private void skipClass() {
            at++;
            if (at < regex.length() && regex.charAt(at) == '^') {
                at++;
            }
            if (at < regex.length() && regex.charAt(at) == ']') {
                at++;
            }
            while (at < regex.length() && regex.charAt(at) != ']') {
                if (regex.charAt(at) == '\\') {
                    skipEscape();
                } else if (regex.startsWith("[:", at)) {
                    int end = regex.indexOf(":]", at + 2);
                    at = end < 0 ? at + 1 : end + 2;
                } else {
                    at++;
                }
            }
            at++;
        }
    }
}
