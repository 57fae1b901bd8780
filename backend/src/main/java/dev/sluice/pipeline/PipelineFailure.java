package dev.sluice.pipeline;

/** An event that could not pass the pipeline: which node, why, and whether trying again may help. */
public class PipelineFailure extends Exception {

    private final String node;
    private final boolean transientFailure;

    public PipelineFailure(String node, String message, boolean transientFailure) {
        super(message);
        this.node = node;
        this.transientFailure = transientFailure;
    }

    public String node() {
        return node;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
