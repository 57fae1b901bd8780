package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aRunThatThrowsDoesNotStopTheNextRuns() throws InterruptedException {
        CountDownLatch thirdRun = new CountDownLatch(3);
        PeriodicTask task = new PeriodicTask("periodic-test", "run the test task", Duration.ZERO,
                Duration.ofMillis(10)) {
            @Override
            protected void runOnce() {
                thirdRun.countDown();
                throw new IllegalStateException("every run fails");
            }
        };

        task.start();
        try {
            assertThat(thirdRun.await(10, TimeUnit.SECONDS)).as("three runs despite each throwing").isTrue();
            assertThat(task.isRunning()).isTrue();
        } finally {
            task.stop();
        }
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void theFirstRunWaitsForItsDelay() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        PeriodicTask task = new PeriodicTask("periodic-test", "run the test task", Duration.ofHours(1),
                Duration.ofMillis(10)) {
            @Override
            protected void runOnce() {
                ran.countDown();
            }
        };

        task.start();
        try {
            assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            task.stop();
        }
    }
}
