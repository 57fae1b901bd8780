package dev.sluice.sandbox;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that looks at every running script every few milliseconds and cancels the context of one
 * that is over its time or allocation budget. Cancelling happens on a separate thread, so a script that is slow
 * to notice cannot hold up the watch over the others. A context is registered once ({@link #watch}) and each run
 * in it only sets and clears a field of its own: runs on several threads at once share no written memory here
 * (a shared set of running scripts, written twice per event, made two threads each take twice as long).
 * Thread-safe.
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long ACTIVE_PERIOD = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE_PERIOD = TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ExecutorService cancellers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("sluice-sandbox-cancel-", 0).factory());
    private final com.sun.management.ThreadMXBean threads = allocationCounter();
    private volatile boolean stopped;

    Watchdog() {
        Thread.ofPlatform().daemon().name("sluice-sandbox-watchdog").start(this::watch);
    }

    /** Watches the runs in {@code context} until {@link Watch#close()}. */
    Watch watch(Context context) {
        Watch watch = new Watch(context);
        watches.add(watch);
        return watch;
    }

    /** How many contexts are watched: each pooled context, until it is closed. */
    int watchedContexts() {
        return watches.size();
    }

    void stop() {
        stopped = true;
        cancellers.shutdownNow();
    }

    private void watch() {
        boolean anyRunning = false;
        while (!stopped) {
            LockSupport.parkNanos(anyRunning ? ACTIVE_PERIOD : IDLE_PERIOD);
            anyRunning = false;
            long now = System.nanoTime();
            for (Watch watch : watches) {
                Run run = watch.current;
                if (run == null) {
                    continue;
                }
                anyRunning = true;
                if (now - run.deadline > 0) {
                    cancel(watch, run, "ran longer than its time budget of " + run.limits.timeBudget().toMillis()
                            + " ms");
                } else if (threads != null && threads.getThreadAllocatedBytes(run.threadId) > run.allocationLimit) {
                    cancel(watch, run, "allocated more than its memory budget of " + (run.limits.maxAllocation() >> 20)
                            + " MB");
                }
            }
        }
    }

    private void cancel(Watch watch, Run run, String verdict) {
        if (!run.state.compareAndSet(null, verdict)) {
            return;
        }
        cancellers.execute(() -> {
            ScriptSandbox.closeQuietly(watch.context);
        });
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counter
                && counter.isThreadAllocatedMemorySupported()) {
            counter.setThreadAllocatedMemoryEnabled(true);
            return counter;
        }
        log.warn("This JVM cannot count allocations per thread: scripts run without a memory budget, "
                + "only with their time and statement budgets");
        return null;
    }

    private static final String FINISHED = new String("finished");

    /** The watch over one context: one run at a time, {@link #start} then {@link #finish()} in a finally block. */
    final class Watch implements AutoCloseable {
        private final Context context;
        private volatile Run current;

        private Watch(Context context) {
            this.context = context;
        }

        /** Starts watching the calling thread, which is about to run a script in the context. */
        void start(SandboxLimits limits) {
            long allocated = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
            current = new Run(Thread.currentThread().threadId(), System.nanoTime() + limits.timeBudget().toNanos(),
                    allocated + limits.maxAllocation(), limits);
        }

        /** Why the watchdog cancelled the run, or null when it did not and now never will. */
        String finish() {
            Run run = current;
            current = null;
            return run.state.compareAndExchange(null, FINISHED);
        }

        /** Stops watching the context, which is closed or about to be. */
        @Override
        public void close() {
            watches.remove(this);
        }
    }

    /** One run being watched; its state is null while it runs, then {@link #FINISHED} or the watchdog's verdict. */
    private record Run(long threadId, long deadline, long allocationLimit, SandboxLimits limits,
                       AtomicReference<String> state) {

        private Run(long threadId, long deadline, long allocationLimit, SandboxLimits limits) {
            this(threadId, deadline, allocationLimit, limits, new AtomicReference<>());
        }
    }
}
