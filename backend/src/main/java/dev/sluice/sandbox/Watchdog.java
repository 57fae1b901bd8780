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
 * to notice cannot hold up the watch over the others. Thread-safe.
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long ACTIVE_PERIOD = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE_PERIOD = TimeUnit.MILLISECONDS.toNanos(50);

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService cancellers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("sluice-sandbox-cancel-", 0).factory());
    private final com.sun.management.ThreadMXBean threads = allocationCounter();
    private volatile boolean stopped;

    Watchdog() {
        Thread.ofPlatform().daemon().name("sluice-sandbox-watchdog").start(this::watch);
    }

    /** Starts watching the calling thread, which is about to run a script in {@code context}. */
    Watch start(Context context, SandboxLimits limits) {
        Thread thread = Thread.currentThread();
        long allocated = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        Watch watch = new Watch(context, thread.threadId(), System.nanoTime() + limits.timeBudget().toNanos(),
                allocated + limits.maxAllocation(), limits);
        running.add(watch);
        return watch;
    }

    void stop() {
        stopped = true;
        cancellers.shutdownNow();
    }

    private void watch() {
        while (!stopped) {
            LockSupport.parkNanos(running.isEmpty() ? IDLE_PERIOD : ACTIVE_PERIOD);
            long now = System.nanoTime();
            for (Watch watch : running) {
                if (now - watch.deadline > 0) {
                    cancel(watch, "ran longer than its time budget of " + watch.limits.timeBudget().toMillis() + " ms");
                } else if (threads != null && threads.getThreadAllocatedBytes(watch.threadId) > watch.allocationLimit) {
                    cancel(watch, "allocated more than its memory budget of " + (watch.limits.maxAllocation() >> 20)
                            + " MB");
                }
            }
        }
    }

    private void cancel(Watch watch, String verdict) {
        if (!watch.state.compareAndSet(null, verdict)) {
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

    /** One script run being watched; {@link Watch#finish()} must follow in a finally block. */
    final class Watch {
        private final Context context;
        private final long threadId;
        private final long deadline;
        private final long allocationLimit;
        private final SandboxLimits limits;
        /** null while running, then either {@link #FINISHED} or the watchdog's verdict, whichever came first. */
        private final AtomicReference<String> state = new AtomicReference<>();

        private Watch(Context context, long threadId, long deadline, long allocationLimit, SandboxLimits limits) {
            this.context = context;
            this.threadId = threadId;
            this.deadline = deadline;
            this.allocationLimit = allocationLimit;
            this.limits = limits;
        }

        /** Why the watchdog cancelled the run, or null when it did not and now never will. */
        String finish() {
            running.remove(this);
            return state.compareAndExchange(null, FINISHED);
        }
    }
}
