package dev.sluice.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.sluice.engine.FlowConsumers.Received;

/**
 * Keeps the events of one key in order while events of other keys run at the same time: an event is processed at
 * once unless an earlier event of its key is not settled yet (still running, or handed back to the broker for a
 * retry); then it waits behind it and is processed, on {@code executor}, once that one is settled. Thread-safe.
 */
final class KeyLanes {

    /** Per key with an event being processed: the events waiting behind it, in arrival order. */
    private final Map<String, ArrayDeque<Received>> lanes = new HashMap<>();
    private final Map<Received, String> keys = new HashMap<>();
    /** Per key, the event handed back to the broker for a retry, which goes first when it comes back. */
    private final Map<String, String> awaited = new HashMap<>();
    /** Events handed back for a retry: their settling does not free their key's lane. */
    private final Set<Received> handedBack = new HashSet<>();
    private final Function<Received, String> keyOf;
    private final Consumer<Received> process;
    private final Executor executor;

    KeyLanes(Function<Received, String> keyOf, Consumer<Received> process, Executor executor) {
        this.keyOf = keyOf;
        this.process = process;
        this.executor = executor;
    }

    /** An event handed out by the broker: processed now, or queued behind its key's earlier event. */
    void offer(Received received) {
        String key = keyOf.apply(received);
        synchronized (this) {
            keys.put(received, key);
            ArrayDeque<Received> lane = lanes.get(key);
            if (lane != null && !awaited.remove(key, received.identity())) {
                lane.add(received);
                return;
            }
            if (lane == null) {
                lanes.put(key, new ArrayDeque<>());
            }
        }
        process.accept(received);
    }

    /**
     * The event is about to be handed back to the broker for a retry: its key's lane stays taken, and when the
     * broker hands the event out again it goes ahead of the events waiting there.
     */
    synchronized void awaitReturn(Received received) {
        String key = keys.get(received);
        if (key != null) {
            handedBack.add(received);
            awaited.put(key, received.identity());
        }
    }

    /** An event was settled: the next of its key, if any, is processed. */
    void settled(Received received) {
        Received next;
        synchronized (this) {
            String key = keys.remove(received);
            if (key == null || handedBack.remove(received)) {
                return;
            }
            ArrayDeque<Received> lane = lanes.get(key);
            next = lane.poll();
            if (next == null) {
                lanes.remove(key);
            }
        }
        if (next != null) {
            executor.execute(() -> process.accept(next));
        }
    }

    /** Events waiting behind an earlier one of their key. */
    synchronized int waiting() {
        return lanes.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
