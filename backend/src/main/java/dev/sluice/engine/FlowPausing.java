package dev.sluice.engine;

/** How the engine pauses a flow that cannot work, for every instance. Implementations are thread-safe. */
@FunctionalInterface
public interface FlowPausing {

    /** Pauses the deployed flow with a reason operators read in its status; does nothing if it no longer runs. */
    void pauseFailing(long flowId, String reason);
}
