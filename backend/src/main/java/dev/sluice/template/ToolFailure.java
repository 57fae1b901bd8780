package dev.sluice.template;

/** A toolbox call could not work with its arguments; the message names the call, never the value. */
final class ToolFailure extends RuntimeException {

    ToolFailure(String message) {
        super(message, null, false, false);
    }
}
