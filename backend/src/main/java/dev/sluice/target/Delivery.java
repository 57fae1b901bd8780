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

    @Override
    default void close() {
    }
}
