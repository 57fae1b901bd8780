package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void transientAndBudgetFailuresAreRetriedMalformedAndPermanentOnesAreNot() {
        assertThat(FailureKind.values()).filteredOn(FailureKind::isRetried)
                .containsExactlyInAnyOrder(FailureKind.TRANSIENT, FailureKind.BUDGET);
    }
}
