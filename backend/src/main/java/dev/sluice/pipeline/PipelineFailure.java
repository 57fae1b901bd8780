package dev.sluice.pipeline;

/** An event that could not pass the pipeline: which node, why, and what kind of failure it was. */
public class PipelineFailure extends Exception {

    private final String node;
    private final FailureKind kind;

    public PipelineFailure(String node, String message, FailureKind kind) {
        super(message);
        this.node = node;
        this.kind = kind;
    }

    public String node() {
        return node;
    }

    public FailureKind kind() {
        return kind;
    }
}
