package dev.sluice.flowstore;

import java.util.List;

import dev.sluice.pipeline.EventTrace;

/**
 * The answer to a dry-run: one trace per input event in order, for the events that ran. When a bound stopped it
 * early ({@code truncated}), {@code note} says which bound and how many events ran; the rest did not run.
 */
public record DryRun(List<EventTrace> results, boolean truncated, String note) {
}
