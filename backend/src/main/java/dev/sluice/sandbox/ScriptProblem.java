package dev.sluice.sandbox;

/**
 * Why a script cannot be used, found before it runs on any event.
 *
 * @param line    1-based line in the script's code, 0 when the problem concerns the code as a whole
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong, without the "line L, column C" prefix
 */
public record ScriptProblem(int line, int column, String message) {

    /** {@code line 3, column 14: Expected an operand but found ;} as the designer shows it next to the code. */
    @Override
    public String toString() {
        return line == 0 ? message : "line " + line + ", column " + column + ": " + message;
    }
}
