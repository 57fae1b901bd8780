package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowLagTest {

    @Test
    void nothingWaitingIsNoLag() {
        assertThat(FlowStatus.lag(0, 1_000, 90_000)).isZero();
    }

    @Test
    void whileEventsWaitTheLagIsTheAgeOfTheNewestEventTaken() {
        assertThat(FlowStatus.lag(40, 60_000, 90_000)).isEqualTo(30_000);
    }

    @Test
    void aStuckFlowsLagGrowsWithTime() {
        assertThat(FlowStatus.lag(40, 60_000, 150_000)).isGreaterThan(FlowStatus.lag(40, 60_000, 90_000));
    }

    @Test
    void unknownWhenNothingWasTakenYetOrTheQueueCannotBeRead() {
        assertThat(FlowStatus.lag(40, 0, 90_000)).isEqualTo(-1);
        assertThat(FlowStatus.lag(-1, 60_000, 90_000)).isEqualTo(-1);
    }
}
