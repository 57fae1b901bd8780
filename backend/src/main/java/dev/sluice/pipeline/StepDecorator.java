package dev.sluice.pipeline;

/**
 * Wraps each node's compiled step when a pipeline is compiled, once per node: how the engine times every step
 * without the steps knowing. The step it returns must keep the contract of {@link NodeStep}.
 */
@FunctionalInterface
public interface StepDecorator {

    /** Leaves every step as it is: dry runs and {@code flow test}. */
    StepDecorator NONE = (node, kind, step) -> step;

    /**
     * @param node the node's id in the flow
     * @param kind the id its kind is registered under ({@code mask}, {@code target.jdbc}), even when the flow names
     *             the kind by an old alias
     */
    NodeStep decorate(String node, String kind, NodeStep step);
}
