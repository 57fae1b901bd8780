package dev.sluice.template;

/**
 * Why a template cannot be used, found before it renders any event.
 *
 * @param line    1-based line in the template, 0 when the problem concerns it as a whole
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong, without the place
 */
public record TemplateProblem(int line, int column, String message) {

    /** {@code line 2, column 5: #include is not available ...}, as the designer shows it next to the template. */
    @Override
    public String toString() {
        return line == 0 ? message : "line " + line + ", column " + column + ": " + message;
    }
}
