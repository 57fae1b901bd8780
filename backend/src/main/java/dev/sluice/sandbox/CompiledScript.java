package dev.sluice.sandbox;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import dev.sluice.json.Json;

/**
 * One script ready to run events: its source parsed once in the shared engine, and a bounded pool of contexts.
 * A context that ran an event successfully goes back to the pool (its intrinsics and the event proxies' prototypes
 * are frozen, the code runs in strict mode, its top level runs afresh per event and {@code Math.random} is reseeded,
 * so nothing carries over: {@code ScriptStateIsolationTest}); one whose event failed in any way is closed and replaced.
 * A fresh context per event would need no such care, but costs about 40 ms against 0.1 ms for a whole event.
 * Thread-safe; an event waits at most one time budget for a free context. A thread takes the context it used last
 * when that one is free, and threads running at once write no memory in common: with a shared queue and semaphore,
 * two threads took twice as long per event as one.
 */
public final class CompiledScript implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("sluice-sandbox-cleaner")
            .factory());

    private final ScriptSandbox sandbox;
    private final String name;
    private final Pool pool;
    private final Cleaner.Cleanable cleanable;

    CompiledScript(ScriptSandbox sandbox, String code, String name, int poolSize) {
        this.sandbox = sandbox;
        this.name = name;
        this.pool = new Pool(sandbox, Lockdown.userFactory(code, name), poolSize);
        this.cleanable = CLEANER.register(this, pool::close);
    }

    /**
     * Runs {@code process} on one event, which the script changes in place: the caller gives the event up (as a
     * pipeline step owns its event), and after a failure it may be half-changed. Copying it first took a quarter of
     * a small script's time per event.
     *
     * @return what {@code process} returned: an object (one event) or an array of objects (a split), or null when it
     *         returned null (the event is dropped)
     * @throws ScriptFailure when the script threw, broke the contract or ran out of a budget
     */
    public JsonNode run(ObjectNode event) throws ScriptFailure {
        return process(event).output();
    }

    /**
     * As {@link #run(ObjectNode)}, and says whether the output is the event given with nothing outside its
     * {@code data} member changed (its attributes, for a CloudEvent), so that a caller need not compare them.
     */
    public Outcome process(ObjectNode event) throws ScriptFailure {
        SandboxLimits limits = sandbox.limits();
        Slot slot = pool.acquire(limits);
        boolean healthy = false;
        try {
            slot.context.resetLimits();
            EventProxies proxies = new EventProxies(slot.toJson, limits.maxOutputChars() / 2);
            Watchdog.Watch watch = slot.watch;
            watch.start(limits);
            Value returned;
            try {
                returned = slot.run.execute(proxies.event(event));
            } catch (PolyglotException e) {
                throw Failures.describe(e, watch.finish(), limits, name, "process(event)");
            }
            String verdict = watch.finish();
            if (verdict != null) {
                throw Failures.verdictFailure(verdict);
            }
            if (proxies.broken() != null) {
                throw Results.failure(proxies.broken(), limits);
            }
            Outcome outcome = returned.isNumber()
                    ? new Outcome(checkedSize(event, proxies, limits), proxies.keptAllButData())
                    : new Outcome(parse(Results.unwrap(returned.asString(), limits)), false);
            healthy = true;
            return outcome;
        } finally {
            pool.release(slot, healthy);
        }
    }

    /**
     * What {@code process} made of one event.
     *
     * @param output       as {@link #run(ObjectNode)} returns it
     * @param keptAllButData the output is the event given, and the script wrote or removed no member of it but
     *                       {@code data}, read no object or array beside {@code data} (which it could change), and
     *                       left {@code data} of the kind it was: absent, a string, or other JSON
     */
    public record Outcome(JsonNode output, boolean keptAllButData) {
    }

    /**
     * As {@link #run(ObjectNode)}, with JSON text in and out.
     *
     * @param eventJson a CloudEvent as a JSON object
     * @return the JSON text of what {@code process} returned, or null when it dropped the event
     */
    public String run(String eventJson) throws ScriptFailure {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(eventJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(event instanceof ObjectNode object)) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        JsonNode result = run(object);
        return result == null ? null : result.toString();
    }

    /**
     * The event changed in place, measured against the output limit when the script made it larger: one it made no
     * larger is as large as it came, which is what the steps before answer for (measuring every event walked it
     * whole, a tenth of a small script's time).
     */
    private static JsonNode checkedSize(JsonNode output, EventProxies proxies, SandboxLimits limits)
            throws ScriptFailure {
        if (proxies.shares()) {
            EventProxies.unshare(output);
        } else if (proxies.grownBy() <= 0) {
            return output;
        }
        long length = JsonLength.over(output, limits.maxOutputChars());
        if (length > limits.maxOutputChars()) {
            throw Results.failure("size:" + length, limits);
        }
        return output;
    }

    private static JsonNode parse(String json) throws ScriptFailure {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScriptFailure("process(event) returned JSON that Sluice cannot read back (nested too deep?)");
        }
    }

    /** How many contexts this script has opened so far: a context reused for the next event counts once. */
    long contextsOpened() {
        return pool.opened.get();
    }

    /** Closes the pooled contexts; events still running are cancelled. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** A pooled context with the driver bound to this script's {@code process} factory, and its JSON.stringify. */
    private static final class Slot {
        private final int index;
        private final Context context;
        private final Value run;
        private final Value toJson;
        private final Watchdog.Watch watch;
        /** Held by the one thread running an event in the context; a new slot is held by the thread that opened it. */
        private final AtomicBoolean busy = new AtomicBoolean(true);

        private Slot(int index, Context context, Value run, Value toJson, Watchdog.Watch watch) {
            this.index = index;
            this.context = context;
            this.run = run;
            this.toJson = toJson;
            this.watch = watch;
        }
    }

    private static final Duration OPENING_ALLOWANCE = Duration.ofSeconds(5);
    /** Holds the place of a context being opened. */
    private static final Slot OPENING = new Slot(-1, null, null, null, null);

    /**
     * Holds no reference to the {@link CompiledScript} (a static class: an inner one held its script, so the cleaner
     * never ran), so the cleaner can run when that becomes unreachable.
     */
    private static final class Pool {
        private final ScriptSandbox sandbox;
        private final Source source;
        private final AtomicReferenceArray<Slot> slots;
        /** The place of the context the thread ran last; null for a thread that has not run the script. */
        private final ThreadLocal<Integer> lastUsed = new ThreadLocal<>();
        private final AtomicInteger waiting = new AtomicInteger();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition freed = lock.newCondition();
        private final AtomicLong opened = new AtomicLong();
        private volatile boolean closed;

        Pool(ScriptSandbox sandbox, Source source, int size) {
            this.sandbox = sandbox;
            this.source = source;
            this.slots = new AtomicReferenceArray<>(size);
        }

        Slot acquire(SandboxLimits limits) throws ScriptFailure {
            Slot slot = claim();
            if (slot != null) {
                return slot;
            }
            // a context running a script is free again within the time budget (the watchdog stops the script there);
            // one being opened and locked down takes what GraalJS needs, up to seconds on a cold interpreter
            Duration wait = limits.timeBudget().plus(OPENING_ALLOWANCE);
            long deadline = System.nanoTime() + wait.toNanos();
            while ((slot = claim()) == null) {
                awaitClaimable(deadline, wait);
            }
            return slot;
        }

        /**
         * Waits until a context is free or a place for one is; the claim (which may open a context, for seconds) is
         * made after, without the lock, so threads releasing their contexts meanwhile are not held up.
         */
        private void awaitClaimable(long deadline, Duration wait) throws ScriptFailure {
            lock.lock();
            waiting.incrementAndGet();
            try {
                while (!closed && !anyClaimable()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw ScriptFailure.busy("all " + slots.length() + " contexts of the script stayed busy for "
                                + wait.toMillis() + " ms");
                    }
                    freed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ScriptFailure.busy("interrupted while waiting for a script context");
            } finally {
                waiting.decrementAndGet();
                lock.unlock();
            }
        }

        /** A place empty or a context not busy (one being opened is busy). */
        private boolean anyClaimable() {
            for (int index = 0; index < slots.length(); index++) {
                Slot slot = slots.get(index);
                if (slot == null || !slot.busy.get()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A free context, the calling thread's last one first, or a new one in a free place; null when all are busy.
         * A thread that has not run this script yet opens a context of its own while there is a place for one rather
         * than take another thread's: the engine's consumers run on a pool of threads, and a context entered by
         * another thread than the one before takes GraalJS's slow way in (measured: a third more time per event).
         */
        private Slot claim() throws ScriptFailure {
            if (closed) {
                throw new ScriptFailure("the script was stopped because its flow version was retired");
            }
            Integer mine = lastUsed.get();
            if (mine == null) {
                Slot opened = openInPlace();
                if (opened != null) {
                    return opened;
                }
            }
            int first = mine == null ? 0 : mine;
            for (int i = 0; i < slots.length(); i++) {
                int index = (first + i) % slots.length();
                Slot slot = slots.get(index);
                if (slot != null && slot != OPENING && !slot.busy.get() && slot.busy.compareAndSet(false, true)) {
                    if (mine == null || index != mine) {
                        lastUsed.set(index);
                    }
                    return slot;
                }
            }
            return openInPlace();
        }

        /** A new context in an empty place; null when there is none, or the script was closed meanwhile. */
        private Slot openInPlace() {
            for (int index = 0; index < slots.length(); index++) {
                if (slots.get(index) == null && slots.compareAndSet(index, null, OPENING)) {
                    lastUsed.set(index);
                    return open(index); // null when the script was closed meanwhile: the caller's next claim says so
                }
            }
            return null;
        }

        void release(Slot slot, boolean healthy) {
            if (healthy && !closed) {
                slot.busy.set(false);
            } else {
                discard(slot);
            }
            signalWaiting();
        }

        private void signalWaiting() {
            if (waiting.get() > 0) {
                lock.lock();
                try {
                    freed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }

        private Slot open(int index) {
            Context context = null;
            try {
                ScriptSandbox.Locked locked = sandbox.newContext();
                context = locked.context();
                opened.incrementAndGet();
                Value factory = context.eval(source);
                Slot slot = new Slot(index, context, sandbox.driver(locked, factory),
                        context.getBindings("js").getMember("JSON").getMember("stringify"),
                        sandbox.watchdog().watch(context));
                slots.set(index, slot);
                if (closed) {
                    discard(slot);
                    return null;
                }
                return slot;
            } catch (RuntimeException e) {
                slots.compareAndSet(index, OPENING, null);
                if (context != null) {
                    ScriptSandbox.closeQuietly(context);
                }
                signalWaiting();
                throw e;
            }
        }

        private void discard(Slot slot) {
            slots.compareAndSet(slot.index, slot, null);
            slot.watch.close();
            ScriptSandbox.closeQuietly(slot.context);
        }

        void close() {
            closed = true;
            for (int index = 0; index < slots.length(); index++) {
                Slot slot = slots.get(index);
                if (slot != null && slot != OPENING) {
                    discard(slot);
                }
            }
            lock.lock();
            try {
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
