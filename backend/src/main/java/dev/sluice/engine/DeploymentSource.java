package dev.sluice.engine;

import java.util.List;

/** Where the engine learns which flow versions must run: the database, shared by every instance. */
public interface DeploymentSource extends FlowPausing {

    /** Every flow that is deployed and not paused, with the version to run. */
    List<DeployedFlow> deployed();

    /**
     * Takes on publishing the snapshot of the flow's bootstrap run {@code token}; false when it is not pending or
     * another instance took it on within the last ten minutes.
     */
    default boolean claimBootstrap(long flowId, String token) {
        return true;
    }

    /** The snapshot of the flow's bootstrap run {@code token} went through: its live events may flow. */
    default void bootstrapped(long flowId, String token) {
    }
}
