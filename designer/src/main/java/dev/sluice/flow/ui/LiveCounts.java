package dev.sluice.flow.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sluice.engine.FlowStatus;

/** A deployed flow's status as the canvas draws it on its nodes: counts, a health dot and the last error. */
final class LiveCounts {

    /** How long a node stays red after it failed, unless events still wait for a retry because of it. */
    static final Duration RECENT = Duration.ofMinutes(5);

    private LiveCounts() {
    }

    /** The counts of {@code status} at {@code now}; none when the flow does not run here ({@code status} null). */
    static CanvasModel.CanvasCounts of(FlowStatus status, Instant now) {
        Map<String, CanvasModel.NodeCount> nodes = new LinkedHashMap<>();
        if (status == null) {
            return new CanvasModel.CanvasCounts(nodes);
        }
        FlowStatus.LastFailure last = status.lastFailure();
        status.nodes().forEach((node, counts) -> {
            boolean failedHere = last != null && last.node().equals(node)
                    && (status.retrying() > 0 || recent(last.at(), now));
            boolean failed = failedHere || recent(counts.lastFailureAt(), now);
            CanvasModel.NodeHealth health = failed ? CanvasModel.NodeHealth.FAILED
                    : counts.in() > 0 ? CanvasModel.NodeHealth.OK : CanvasModel.NodeHealth.IDLE;
            nodes.put(node, new CanvasModel.NodeCount(counts.in(), counts.out(), counts.failed(), health,
                    failedHere ? last.error() : null));
        });
        return new CanvasModel.CanvasCounts(nodes);
    }

    private static boolean recent(String at, Instant now) {
        return at != null && Instant.parse(at).isAfter(now.minus(RECENT));
    }
}
