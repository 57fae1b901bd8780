package dev.sluice.template;

/**
 * A template could not render an event: it used what templates may not, ran out of its budget, or a toolbox call
 * failed. The message says what and where in the template, never a value from the event.
 */
public final class TemplateFailure extends Exception {

    private final boolean overBudget;

    TemplateFailure(String message) {
        this(message, false);
    }

    TemplateFailure(String message, boolean overBudget) {
        super(message, null, false, false);
        this.overBudget = overBudget;
    }

    /**
     * True when the render went over one of its {@link TemplateLimits} (time, {@code #foreach} iterations, output
     * size); false when the template used what it may not or a call failed.
     */
    public boolean isOverBudget() {
        return overBudget;
    }
}
