package dev.sluice.template;

/**
 * A template could not render an event: it used what templates may not, ran out of its budget, or a toolbox call
 * failed. The message says what and where in the template, never a value from the event.
 */
public final class TemplateFailure extends Exception {

    TemplateFailure(String message) {
        super(message, null, false, false);
    }
}
