package dev.sluice.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work repeated while the application runs, on a daemon thread of its own: first {@code first} after the start, then
 * {@code every} after each run ended. A run that throws is logged ("Could not {@code what}") and the next one goes on,
 * where a bare scheduled executor would silently stop repeating it.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final String thread;
    private final String what;
    private final Duration first;
    private final Duration every;
    private ScheduledExecutorService timer;

    /**
     * @param thread the thread's name
     * @param what   what a run does, for the log when it fails ("keep the region links")
     */
    protected PeriodicTask(String thread, String what, Duration first, Duration every) {
        this.thread = thread;
        this.what = what;
        this.first = first;
        this.every = every;
    }

    /** One run. */
    protected abstract void runOnce();

    @Override
    public final void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(thread).daemon().factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(getClass()).warn("Could not {}: {}", what, e.getMessage());
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public final void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public final boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
