package dev.sluice.engine;

import java.util.List;

/** Where the engine learns which flow versions must run: the database, shared by every instance. */
public interface DeploymentSource extends FlowPausing {

    /** Every flow that is deployed and not paused, with the version to run. */
    List<DeployedFlow> deployed();
}
