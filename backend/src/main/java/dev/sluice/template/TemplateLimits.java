package dev.sluice.template;

import java.time.Duration;

/**
 * What one render may cost.
 *
 * @param timeBudget     wall-clock time per render, checked at every loop iteration, call and inserted value
 * @param maxIterations  {@code #foreach} iterations per render, all loops together
 * @param maxOutputChars characters of output, and of text built by interpolation ({@code "$s$s"}) per render
 * @param maxTemplateChars length of a template's text
 */
public record TemplateLimits(Duration timeBudget, int maxIterations, int maxOutputChars, int maxTemplateChars) {

    public static TemplateLimits defaults() {
        return new TemplateLimits(Duration.ofSeconds(1), 100_000, 1_000_000, 100_000);
    }
}
