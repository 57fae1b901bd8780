package dev.sluice.sandbox;

import java.util.Set;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what GraalJS throws into failures that say what and where, and never carry event values. */
final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);
    private static final Set<String> ERROR_NAMES = Set.of("Error", "TypeError", "RangeError", "ReferenceError",
            "SyntaxError", "EvalError", "URIError", "AggregateError");
    private static final int EXCERPT = 60;

    private Failures() {
    }

    /** A syntax error with the line and column of the code as written. */
    static ScriptProblem syntaxProblem(PolyglotException e, String code) {
        SourceSection at = e.getSourceLocation();
        String message = firstLine(e.getMessage()).replaceFirst("^SyntaxError: [^ ]*:\\d+:\\d+ ", "");
        if (at == null || !at.isAvailable()) {
            return new ScriptProblem(0, 0, "syntax error: " + message);
        }
        int line = at.getStartLine();
        int column = at.getStartColumn();
        if (at.getSource().getCharacters().length() != code.length()) {
            // reported in the wrapped source: the user's first line starts after the prefix
            column = line == 1 ? Math.max(1, column - Lockdown.PREFIX.length()) : column;
            line = Math.min(line, (int) code.lines().count());
        }
        return new ScriptProblem(line, column, message);
    }

    /**
     * Why a run failed. {@code verdict} is the watchdog's, when it cancelled the run; {@code part} names what ran
     * ("process(event)", "its top level").
     */
    static ScriptFailure describe(PolyglotException e, String verdict, SandboxLimits limits, String sourceName,
                                  String part) {
        if (verdict != null) {
            return verdictFailure(verdict);
        }
        if (e.isCancelled() && e.isResourceExhausted()) {
            return ScriptFailure.overBudget("the script executed more than its limit of " + limits.statementLimit()
                    + " statements");
        }
        if (e.isCancelled()) {
            return new ScriptFailure("the script was stopped because its flow version was retired");
        }
        if (e.isResourceExhausted()) {
            return ScriptFailure.overBudget("the script exhausted a resource of the host (memory)");
        }
        if (e.isHostException() || e.isInternalError() || !e.isGuestException()) {
            log.warn("A script failed inside the script engine: {}", e.isHostException()
                    ? e.asHostException().getClass().getName() : "internal error");
            return new ScriptFailure("the script engine failed while running " + part);
        }
        SourceSection at = userFrame(e, sourceName);
        String thrown = thrownName(e);
        String reason = part + (thrown == null ? " threw an exception that is not a standard Error" : " threw " + thrown);
        if (at == null) {
            return new ScriptFailure(reason);
        }
        int line = at.getStartLine();
        int column = line == 1 ? Math.max(1, at.getStartColumn() - Lockdown.PREFIX.length()) : at.getStartColumn();
        return new ScriptFailure(reason + " at `" + excerpt(at) + "`", line, column, false, false);
    }

    /** The watchdog cancels a run only when it went over its time or memory budget. */
    static ScriptFailure verdictFailure(String verdict) {
        return ScriptFailure.overBudget("the script " + verdict);
    }

    /** The innermost frame in the user's code: a builtin that threw has no place the user can fix. */
    private static SourceSection userFrame(PolyglotException e, String sourceName) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && at.isAvailable() && sourceName.equals(at.getSource().getName())) {
                return at;
            }
        }
        return null;
    }

    /** Only a standard error name: a custom one, like the message, may have been built from the event. */
    private static String thrownName(PolyglotException e) {
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        int colon = message.indexOf(':');
        String name = colon < 0 ? message : message.substring(0, colon);
        return ERROR_NAMES.contains(name) ? name : null;
    }

    private static String excerpt(SourceSection at) {
        String text = at.getCharacters().toString().strip().replaceAll("\\s+", " ");
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
