package dev.sluice.flowstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.sluice.json.Json;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.Pipeline;

/**
 * Runs dry-runs within their bounds, since any workspace member may ask for one: a time budget per request
 * ({@code sluice.dry-run.budget}, 10 s), a cap on the answer's size ({@code sluice.dry-run.max-response-size},
 * 8 MiB) and {@value #AT_ONCE_PER_USER} dry-runs at once per user. The budget counts from the request's start,
 * checking the flow included (which is not cut short: each script's and template's check has its own limits). The
 * events run on a worker thread so that the request is answered at the budget even while an event is still inside
 * a slow step; that dry-run keeps its user's place until the step's own limits end it. Thread-safe.
 */
@Component
class DryRuns implements AutoCloseable {

    static final int AT_ONCE_PER_USER = 2;
    /** Room for the answer's envelope and note beside the results. */
    private static final int ENVELOPE_BYTES = 1024;

    private final Duration budget;
    private final long maxResponseBytes;
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("dry-run-", 0).daemon().factory());

    DryRuns(@Value("${sluice.dry-run.budget:10s}") Duration budget,
            @Value("${sluice.dry-run.max-response-size:8MB}") DataSize maxResponseSize) {
        this.budget = budget;
        this.maxResponseBytes = maxResponseSize.toBytes();
    }

    /**
     * A place for one of {@code username}'s dry-runs, taken before the flow is even checked, so that checking counts
     * too; refused with {@link FlowStoreException.Reason#BUSY} when they run {@value #AT_ONCE_PER_USER} already.
     * Close it when done; once {@link #run} handed it to its worker, the worker gives it back.
     */
    Slot slot(String username) {
        Semaphore mine = running.computeIfAbsent(username, user -> new Semaphore(AT_ONCE_PER_USER));
        if (!mine.tryAcquire()) {
            throw new FlowStoreException(FlowStoreException.Reason.BUSY, "$", "you already run at most "
                    + AT_ONCE_PER_USER + " dry-runs at once; try again when one of them has finished");
        }
        return new Slot(mine, System.nanoTime());
    }

    /**
     * Runs {@code events} through {@code pipeline} until the budget, counted from when the slot was taken, is
     * spent; {@code shown} turns each trace into what the user may see.
     */
    DryRun run(Slot slot, Pipeline pipeline, JsonNode events, UnaryOperator<EventTrace> shown) {
        long deadline = slot.taken + budget.toNanos();
        Run run = new Run(events, shown, deadline);
        Future<?> work = workers.submit(() -> {
            try {
                run.all(pipeline);
            } finally {
                slot.release();
            }
        });
        slot.handedOver = true;
        try {
            work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            run.stop(budgetNote(run));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop(budgetNote(run));
        }
        return run.answer();
    }

    /** One dry-run's place among its user's; see {@link #slot}. */
    static final class Slot implements AutoCloseable {

        private final Semaphore permits;
        private final long taken;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean handedOver;

        private Slot(Semaphore permits, long taken) {
            this.permits = permits;
            this.taken = taken;
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }

        @Override
        public void close() {
            if (!handedOver) {
                release();
            }
        }
    }

    private String budgetNote(Run run) {
        return "the dry-run stopped at its time budget of " + seconds(budget) + ": " + run.size() + " of "
                + run.events.size() + " events ran; run the others in another request";
    }

    private String sizeNote(Run run) {
        return "the answer reached its size cap of " + size(maxResponseBytes) + ": " + run.size() + " of "
                + run.events.size() + " events are shown; run the others in another request";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String size(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** One request's events and the traces so far; the worker adds, the request thread may stop it and read. */
    private final class Run {

        private final JsonNode events;
        private final UnaryOperator<EventTrace> shown;
        private final long deadline;
        private final List<EventTrace> results = new ArrayList<>();
        private long bytes;
        private String note;

        Run(JsonNode events, UnaryOperator<EventTrace> shown, long deadline) {
            this.events = events;
            this.shown = shown;
            this.deadline = deadline;
        }

        void all(Pipeline pipeline) {
            for (JsonNode event : events) {
                if (stopped()) {
                    return;
                }
                if (System.nanoTime() - deadline >= 0) {
                    stop(budgetNote(this));
                    return;
                }
                EventTrace trace = shown.apply(pipeline.trace(event));
                if (!add(trace, serializedSize(trace))) {
                    return;
                }
            }
        }

        private synchronized boolean add(EventTrace trace, long size) {
            if (note != null) {
                return false;
            }
            if (bytes + size > maxResponseBytes - ENVELOPE_BYTES) {
                note = sizeNote(this);
                return false;
            }
            results.add(trace);
            bytes += size;
            return true;
        }

        synchronized void stop(String why) {
            if (note == null) {
                note = why;
            }
        }

        synchronized boolean stopped() {
            return note != null;
        }

        synchronized int size() {
            return results.size();
        }

        synchronized DryRun answer() {
            return new DryRun(List.copyOf(results), note != null, note);
        }
    }

    private static long serializedSize(EventTrace trace) {
        try {
            return Json.MAPPER.writeValueAsBytes(trace).length + 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace cannot be written as JSON", e);
        }
    }
}
