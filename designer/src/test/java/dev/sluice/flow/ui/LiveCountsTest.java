package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.engine.FlowStatus;

class LiveCountsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static FlowStatus status(FlowStatus.LastFailure last, long retrying, Map<String, FlowStatus.NodeCounts> nodes) {
        return new FlowStatus(1, 1, "running", null, 3, 2, 0, 1, 0, 0, retrying, last, 0, 0, 0, nodes, 0, 0);
    }

    @Test
    void aNodeThatPassedEventsIsOkOneWithoutIsIdleAndTheLastFailuresNodeIsRedWithItsError() {
        CanvasModel.CanvasCounts counts = LiveCounts.of(status(
                new FlowStatus.LastFailure("hook", "connection refused", NOW.minusSeconds(30).toString(), false), 1,
                Map.of("in", new FlowStatus.NodeCounts(3, 3, 0, null),
                        "later", new FlowStatus.NodeCounts(0, 0, 0, null),
                        "hook", new FlowStatus.NodeCounts(3, 2, 1, NOW.minusSeconds(30).toString()))), NOW);

        assertThat(counts.nodes().get("in").health()).isEqualTo(CanvasModel.NodeHealth.OK);
        assertThat(counts.nodes().get("later").health()).isEqualTo(CanvasModel.NodeHealth.IDLE);
        assertThat(counts.nodes().get("hook")).extracting(CanvasModel.NodeCount::health, CanvasModel.NodeCount::error)
                .containsExactly(CanvasModel.NodeHealth.FAILED, "connection refused");
        assertThat(counts.nodes().get("in").error()).isNull();
    }

    @Test
    void anOldFailureWithNothingWaitingNoLongerTurnsTheNodeRed() {
        String hourAgo = NOW.minusSeconds(3600).toString();
        CanvasModel.CanvasCounts counts = LiveCounts.of(status(
                new FlowStatus.LastFailure("hook", "refused", hourAgo, true), 0,
                Map.of("hook", new FlowStatus.NodeCounts(9, 8, 1, hourAgo))), NOW);

        assertThat(counts.nodes().get("hook").health()).isEqualTo(CanvasModel.NodeHealth.OK);
        assertThat(counts.nodes().get("hook").error()).isNull();
    }

    @Test
    void aFlowThatDoesNotRunHereShowsNoCounts() {
        assertThat(LiveCounts.of(null, NOW).nodes()).isEmpty();
    }
}
