package dev.sluice.sandbox;

/**
 * A script could not process an event: it threw, returned something that is not an event, or ran out of a budget.
 * The message names the cause and the place in the code, never a value from the event nor a message the script's
 * exception carried (it may hold one), because it ends up in dead-letter headers and logs.
 */
public final class ScriptFailure extends Exception {

    private final String reason;
    private final int line;
    private final int column;
    private final boolean transientFailure;
    private final boolean overBudget;

    ScriptFailure(String reason) {
        this(reason, 0, 0, false, false);
    }

    ScriptFailure(String reason, int line, int column, boolean transientFailure, boolean overBudget) {
        super(line == 0 ? reason : "line " + line + ", column " + column + ": " + reason, null, false, false);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.transientFailure = transientFailure;
        this.overBudget = overBudget;
    }

    /** A run that went over one of its {@link SandboxLimits}: time, statements, memory or output. */
    static ScriptFailure overBudget(String reason) {
        return new ScriptFailure(reason, 0, 0, false, true);
    }

    /** A run that never started because no context was free; trying later may succeed. */
    static ScriptFailure busy(String reason) {
        return new ScriptFailure(reason, 0, 0, true, false);
    }

    /** What went wrong, without the place. */
    public String reason() {
        return reason;
    }

    /** 1-based line in the user's code where it went wrong; 0 when no place in the code is to blame. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /**
     * True when trying later may succeed: every context of the script stayed busy, so the script did not run.
     * False for what the script did.
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * True when the script went over one of its budgets (time, statements, memory, output size), as the watchdog,
     * the statement limit or the output check found; false when it threw or broke the contract.
     */
    public boolean isOverBudget() {
        return overBudget;
    }
}
