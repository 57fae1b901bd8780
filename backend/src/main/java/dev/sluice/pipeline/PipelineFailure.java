package dev.sluice.pipeline;

/** An event that could not pass the pipeline: which node, why, and whether trying again may help. */
public class PipelineFailure extends Exception {

    private final String node;
    private final boolean transientFailure;
    private final boolean malformed;

    public PipelineFailure(String node, String message, boolean transientFailure, boolean malformed) {
        super(message);
        this.node = node;
        this.transientFailure = transientFailure;
        this.malformed = malformed;
    }

    public String node() {
        return node;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** The input was not a valid CloudEvent: it goes to the dead-letter queue at once. */
    public boolean isMalformed() {
        return malformed;
    }
}
