package dev.sluice.sandbox;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 * Thread-safe; an event waits at most one time budget for a free context.
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
        this.pool = new Pool(Lockdown.userFactory(code, name), poolSize);
        this.cleanable = CLEANER.register(this, pool::close);
    }

    /**
     * Runs {@code process} on one event, which is left as it was.
     *
     * @return what {@code process} returned: an object (one event) or an array of objects (a split), or null when it
     *         returned null (the event is dropped)
     * @throws ScriptFailure when the script threw, broke the contract or ran out of a budget
     */
    public JsonNode run(ObjectNode event) throws ScriptFailure {
        SandboxLimits limits = sandbox.limits();
        Slot slot = pool.acquire(limits);
        boolean healthy = false;
        try {
            slot.context.resetLimits();
            EventProxies proxies = new EventProxies(slot.toJson, limits.maxOutputChars() / 2);
            ObjectNode copy = event.deepCopy();
            Watchdog.Watch watch = sandbox.watchdog().start(slot.context, limits);
            Value returned;
            try {
                returned = slot.run.execute(sandbox.seeds(proxies.event(copy)));
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
            JsonNode result = returned.isNumber() ? checkedSize(copy, proxies.shares(), limits)
                    : parse(Results.unwrap(returned.asString(), limits));
            healthy = true;
            return result;
        } finally {
            pool.release(slot, healthy);
        }
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

    private static JsonNode checkedSize(JsonNode output, boolean shares, SandboxLimits limits) throws ScriptFailure {
        if (shares) {
            EventProxies.unshare(output);
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

    /** A context with the driver bound to this script's {@code process} factory, and its JSON.stringify. */
    private record Slot(Context context, Value run, Value toJson) {
    }

    private static final Duration OPENING_ALLOWANCE = Duration.ofSeconds(5);

    /** Holds no reference to the {@link CompiledScript}, so the cleaner can run when that becomes unreachable. */
    private final class Pool {
        private final Source source;
        private final Semaphore permits;
        private final ConcurrentLinkedDeque<Slot> idle = new ConcurrentLinkedDeque<>();
        private final Set<Context> open = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean closed;

        Pool(Source source, int size) {
            this.source = source;
            this.permits = new Semaphore(size, true);
        }

        Slot acquire(SandboxLimits limits) throws ScriptFailure {
            // a context running a script is free again within the time budget (the watchdog stops the script there);
            // one being opened and locked down takes what GraalJS needs, up to seconds on a cold interpreter
            Duration wait = limits.timeBudget().plus(OPENING_ALLOWANCE);
            try {
                if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw ScriptFailure.busy("all " + limits.poolSize() + " contexts of the script stayed busy for "
                            + wait.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ScriptFailure.busy("interrupted while waiting for a script context");
            }
            if (closed) {
                permits.release();
                throw new ScriptFailure("the script was stopped because its flow version was retired");
            }
            Slot slot = idle.pollFirst();
            if (slot != null) {
                return slot;
            }
            try {
                return open();
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        void release(Slot slot, boolean healthy) {
            if (healthy && !closed) {
                idle.addFirst(slot);
            } else {
                discard(slot);
            }
            permits.release();
        }

        private Slot open() {
            ScriptSandbox.Locked locked = sandbox.newContext();
            Context context = locked.context();
            opened.incrementAndGet();
            open.add(context);
            try {
                Value factory = context.eval(source);
                return new Slot(context, sandbox.driver(locked, factory),
                        context.getBindings("js").getMember("JSON").getMember("stringify"));
            } catch (RuntimeException e) {
                open.remove(context);
                ScriptSandbox.closeQuietly(context);
                throw e;
            }
        }

        private void discard(Slot slot) {
            open.remove(slot.context);
            ScriptSandbox.closeQuietly(slot.context);
        }

        void close() {
            closed = true;
            idle.clear();
            open.forEach(ScriptSandbox::closeQuietly);
            open.clear();
        }
    }
}
