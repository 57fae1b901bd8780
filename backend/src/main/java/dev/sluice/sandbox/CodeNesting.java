package dev.sluice.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * How deep brackets nest in a script, found by a cheap scan before GraalJS parses it. Its parser recurses once per
 * level and ran out of stack at about 500 nested {@code [} (measured on a 1 MB thread stack): a "Resource exhausted"
 * that no syntax error reports. Brackets inside strings, template text, comments and regular expressions do not
 * count; {@code ${} of a template literal does.
 */
final class CodeNesting {

    static final int MAX_DEPTH = 100;
    /** After these words a {@code /} starts a regular expression, as after an operator. */
    private static final Set<String> BEFORE_REGEX = Set.of("return", "typeof", "case", "do", "else", "in", "of", "new",
            "delete", "void", "throw", "instanceof", "yield", "await");

    private final String code;
    private final Deque<Boolean> opened = new ArrayDeque<>();
    private int at;
    private int line = 1;
    private int lineStart;
    private int deepest;
    private int overLine;
    private int overColumn;
    private boolean regexAllowed = true;

    private CodeNesting(String code) {
        this.code = code;
    }

    /** The problem with {@code code}'s nesting, or null when it nests at most {@link #MAX_DEPTH} levels. */
    static ScriptProblem check(String code) {
        CodeNesting scan = new CodeNesting(code);
        scan.code();
        return scan.deepest <= MAX_DEPTH ? null : new ScriptProblem(scan.overLine, scan.overColumn,
                "nested " + scan.deepest + " deep; at most " + MAX_DEPTH + " levels");
    }

    private void code() {
        while (at < code.length()) {
            char c = code.charAt(at);
            char next = at + 1 < code.length() ? code.charAt(at + 1) : 0;
            if (c == '/' && next == '/') {
                while (at < code.length() && code.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '/' && next == '*') {
                at += 2;
                while (at < code.length() && !code.startsWith("*/", at)) {
                    step();
                }
                at += 2;
            } else if (c == '\'' || c == '"') {
                quoted(c);
                regexAllowed = false;
            } else if (c == '`') {
                at++;
                template();
            } else if (c == '/' && regexAllowed) {
                regex();
                regexAllowed = false;
            } else if (c == '(' || c == '[' || c == '{') {
                open(false);
                at++;
                regexAllowed = true;
            } else if (c == ')' || c == ']' || c == '}') {
                boolean substitution = !opened.isEmpty() && opened.pop();
                at++;
                if (substitution) {
                    template();
                } else {
                    regexAllowed = c == '}';
                }
            } else if (Character.isJavaIdentifierPart(c)) {
                int start = at;
                while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
                    at++;
                }
                regexAllowed = BEFORE_REGEX.contains(code.substring(start, at));
            } else {
                if (!Character.isWhitespace(c)) {
                    regexAllowed = true;
                }
                step();
            }
        }
    }

    /** The text of a template literal, up to its closing backtick or the next substitution. */
    private void template() {
        while (at < code.length()) {
            char c = code.charAt(at);
            if (c == '\\') {
                at++;
                step();
            } else if (c == '`') {
                at++;
                regexAllowed = false;
                return;
            } else if (c == '$' && at + 1 < code.length() && code.charAt(at + 1) == '{') {
                at++;
                open(true);
                at++;
                regexAllowed = true;
                return;
            } else {
                step();
            }
        }
    }

    private void quoted(char quote) {
        at++;
        while (at < code.length() && code.charAt(at) != quote && code.charAt(at) != '\n') {
            if (code.charAt(at) == '\\') {
                at++;
            }
            step();
        }
        at++;
    }

    private void regex() {
        at++;
        boolean inClass = false;
        while (at < code.length() && code.charAt(at) != '\n') {
            char c = code.charAt(at++);
            if (c == '\\') {
                at++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return;
            }
        }
    }

    private void open(boolean substitution) {
        opened.push(substitution);
        if (opened.size() > deepest) {
            deepest = opened.size();
            if (deepest == MAX_DEPTH + 1) {
                overLine = line;
                overColumn = at - lineStart + 1;
            }
        }
    }

    /** Moves past one character, counting lines. */
    private void step() {
        if (at < code.length() && code.charAt(at) == '\n') {
            line++;
            lineStart = at + 1;
        }
        at++;
    }
}
