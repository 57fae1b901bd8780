package dev.sluice.flowstore;

import java.util.List;

import dev.sluice.flow.FlowProblem;
import dev.sluice.privacy.Leak;

/**
 * What the leak guard finds in one version of a flow.
 *
 * @param problems    each leak as a problem at its target node, with the route it takes
 * @param leaks       each leak in detail
 * @param exception   the reason of the platform admin's exception that covers these leaks; null when none does
 * @param exceptionBy who granted it
 */
public record LeakReport(long id, int version, List<FlowProblem> problems, List<Leak> leaks, String exception,
                         String exceptionBy) {
}
