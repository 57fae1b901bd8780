package dev.sluice.target;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends events to one target. Thread-safe; calls may overlap. The returned future completes when the
 * target has confirmed the event, or fails with {@link TargetFailure} saying whether a retry may help.
 */
public interface Delivery extends AutoCloseable {

    /**
     * @param event    the event as the flow produced it
     * @param outputId stable id of this output (same input, flow and target give the same id), for the
     *                 target to drop duplicates: AMQP message_id, HTTP Idempotency-Key
     */
    CompletableFuture<Void> deliver(ObjectNode event, String outputId);

    /**
     * Delivers an event of a snapshot (a deploy from the source's current state, a resync): the latest event of its
     * key, to be applied again even where the target already took it, so that a copy that was emptied or went wrong
     * fills again. Targets that keep versions still refuse an older one. Others simply deliver.
     */
    default CompletableFuture<Void> restate(ObjectNode event, String outputId) {
        return deliver(event, outputId);
    }

    @Override
    default void close() {
    }
}
