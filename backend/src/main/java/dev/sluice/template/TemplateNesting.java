package dev.sluice.template;

import java.util.Set;

/**
 * How deep a template nests, found by a cheap scan before Velocity parses it: block directives ({@code #if},
 * {@code #foreach}... up to their {@code #end}) and the brackets inside directive arguments and references
 * ({@code #set($x = ((1)))}, {@code $json.quote({...})}, {@code ${name}}) each add a level. Velocity's parser
 * recurses once per level and overflowed the stack on 5,000 nested {@code #if} or 30,000 {@code (}; its renderer
 * recurses the same way (1,000 nested parentheses parsed and then overflowed at render). Plain text, comments and
 * {@code #[[unparsed]]#} blocks do not count: their brackets are characters, not structure.
 */
final class TemplateNesting {

    static final int MAX_DEPTH = 100;
    private static final Set<String> BLOCKS = Set.of("if", "foreach", "macro", "define");

    private final String text;
    private int at;
    private int line = 1;
    private int lineStart;
    private int depth;
    private int deepest;
    private int overLine;
    private int overColumn;

    private TemplateNesting(String text) {
        this.text = text;
    }

    /** The problem with {@code text}'s nesting, or null when it nests at most {@link #MAX_DEPTH} levels. */
    static TemplateProblem check(String text) {
        TemplateNesting scan = new TemplateNesting(text);
        scan.text();
        return scan.deepest <= MAX_DEPTH ? null : new TemplateProblem(scan.overLine, scan.overColumn,
                "nested " + scan.deepest + " deep; at most " + MAX_DEPTH + " levels");
    }

    private void text() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\' && (next(1) == '#' || next(1) == '$')) {
                at += 2;
            } else if (c == '#' && next(1) == '#') {
                skipUntil("\n");
            } else if (c == '#' && next(1) == '*') {
                skipUntil("*#");
            } else if (c == '#' && next(1) == '[' && next(2) == '[') {
                skipUntil("]]#");
            } else if (c == '#') {
                directive();
            } else if (c == '$') {
                reference();
            } else {
                step();
            }
        }
    }

    /** {@code #name}, {@code #{name}} or {@code #@name}, and its arguments in parentheses, if any. */
    private void directive() {
        int start = at;
        at++;
        boolean braced = next(0) == '{';
        if (braced) {
            at++;
        }
        int nameStart = at;
        if (next(0) == '@') {
            at++;
        }
        while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
            at++;
        }
        String name = text.substring(nameStart, at);
        if (braced && next(0) == '}') {
            at++;
        }
        if (name.equals("end")) {
            depth = Math.max(0, depth - 1);
            return;
        }
        if (BLOCKS.contains(name) || (name.startsWith("@") && name.length() > 1)) {
            open(start);
        }
        int afterName = at;
        while (next(0) == ' ' || next(0) == '\t') {
            at++;
        }
        if (!name.isEmpty() && next(0) == '(') {
            expression();
        } else {
            at = afterName;
        }
    }

    /** {@code $name.member(...)[...]}, {@code ${...}}, with {@code !} after the {@code $} or not. */
    private void reference() {
        at++;
        if (next(0) == '!') {
            at++;
        }
        if (next(0) == '{') {
            expression();
            return;
        }
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                at++;
            } else if (c == '.' && Character.isLetter(next(1))) {
                at++;
            } else if (c == '(' || c == '[') {
                expression();
            } else {
                return;
            }
        }
    }

    /** From an opening bracket to the one that closes it, counting the brackets between and skipping strings. */
    private void expression() {
        int outside = depth;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '(' || c == '[' || c == '{') {
                open(at);
                at++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                at++;
                if (depth == outside) {
                    return;
                }
            } else if (c == '\'' || c == '"') {
                at++;
                while (at < text.length() && text.charAt(at) != c) {
                    step();
                }
                at++;
            } else {
                step();
            }
        }
    }

    private void open(int where) {
        depth++;
        if (depth > deepest) {
            deepest = depth;
            if (deepest == MAX_DEPTH + 1) {
                overLine = line;
                overColumn = where - lineStart + 1;
            }
        }
    }

    private char next(int ahead) {
        return at + ahead < text.length() ? text.charAt(at + ahead) : 0;
    }

    private void skipUntil(String end) {
        while (at < text.length() && !text.startsWith(end, at)) {
            step();
        }
        at += end.equals("\n") ? 0 : end.length();
    }

    /** Moves past one character, counting lines. */
    private void step() {
        if (text.charAt(at) == '\n') {
            line++;
            lineStart = at + 1;
        }
        at++;
    }
}
