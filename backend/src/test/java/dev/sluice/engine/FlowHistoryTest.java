package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowHistoryTest {

    @Test
    void ratesComeFromTheDifferenceOfTotalsOverTheInterval() {
        FlowHistory history = new FlowHistory();

        history.record(0, 100, 90, 0, 1.5, 3, 0, 40);
        history.record(5_000, 150, 130, 5, 1.6, 0, 2_500, 45);

        assertThat(history.samples()).singleElement().satisfies(sample -> {
            assertThat(sample.inPerS()).isEqualTo(10.0);
            assertThat(sample.outPerS()).isEqualTo(8.0);
            assertThat(sample.failedPerS()).isEqualTo(1.0);
            assertThat(sample.waiting()).isZero();
            assertThat(sample.lagMs()).isEqualTo(2_500);
            assertThat(sample.arrivalMs()).isEqualTo(45);
        });
    }

    @Test
    void aRestartedRunnersCountersLeaveAGapNotANegativeRate() {
        FlowHistory history = new FlowHistory();
        history.record(0, 100, 100, 0, 1, 0, 0, 0);

        history.record(5_000, 3, 3, 0, 1, 0, 0, 0);
        history.record(10_000, 13, 13, 0, 1, 0, 0, 0);

        assertThat(history.samples()).extracting(FlowHistory.Sample::inPerS).containsExactly(2.0);
    }

    @Test
    void keepsAnHourOfSamples() {
        FlowHistory history = new FlowHistory();
        for (int i = 0; i <= FlowHistory.CAPACITY + 50; i++) {
            history.record(i * 5_000L, i, i, 0, 1, 0, 0, 0);
        }

        assertThat(history.samples()).hasSize(FlowHistory.CAPACITY);
        assertThat(history.samples().getLast().at()).isEqualTo((FlowHistory.CAPACITY + 50) * 5_000L);
    }
}
