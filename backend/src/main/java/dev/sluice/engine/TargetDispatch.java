package dev.sluice.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.target.Delivery;
import dev.sluice.target.TargetFailure;
import dev.sluice.tracing.EventSpan;
import dev.sluice.tracing.EventTracing;

/**
 * Hands a flow's outputs to its targets, each with a stable id, and sums up how that went once every target
 * answered. Thread-safe as far as the targets' deliveries are.
 */
final class TargetDispatch implements AutoCloseable {

    /**
     * What the targets made of one event's outputs.
     *
     * @param lastFailedTarget the target whose failure {@code lastMessage} is; null when all delivered
     */
    record Outcome(int delivered, List<String> failedTargets, boolean permanent, String lastFailedTarget,
                   String lastMessage) {

        boolean allDelivered() {
            return failedTargets.isEmpty();
        }

        /** The last failure as the dead-letter and retry headers give it: {@code target: message}. */
        String lastError() {
            return lastFailedTarget == null ? null : lastFailedTarget + ": " + lastMessage;
        }
    }

    /** One event's outputs in flight, per target. */
    record Sent(Map<String, List<CompletableFuture<Void>>> futures) {

        boolean isEmpty() {
            return futures.isEmpty();
        }

        CompletableFuture<Void> all() {
            return CompletableFuture.allOf(futures.values().stream().flatMap(List::stream)
                    .toArray(CompletableFuture[]::new));
        }

        /** Only once {@link #all()} completed. */
        Outcome outcome() {
            List<String> failedTargets = new ArrayList<>();
            boolean permanent = false;
            String lastFailedTarget = null;
            String lastMessage = null;
            int delivered = 0;
            for (Map.Entry<String, List<CompletableFuture<Void>>> target : futures.entrySet()) {
                for (CompletableFuture<Void> future : target.getValue()) {
                    if (!future.isCompletedExceptionally()) {
                        delivered++;
                        continue;
                    }
                    Throwable error = future.exceptionNow();
                    if (!failedTargets.contains(target.getKey())) {
                        failedTargets.add(target.getKey());
                    }
                    permanent |= refused(error);
                    lastFailedTarget = target.getKey();
                    lastMessage = error.getMessage();
                }
            }
            return new Outcome(delivered, failedTargets, permanent, lastFailedTarget, lastMessage);
        }
    }

    private final long flowId;
    private final Map<String, Delivery> targets;
    private final RuntimePiiCheck piiCheck;
    private final FlowMetrics metrics;
    private final EventTracing tracing;

    TargetDispatch(long flowId, Map<String, Delivery> targets, RuntimePiiCheck piiCheck, FlowMetrics metrics,
                   EventTracing tracing) {
        this.tracing = tracing;
        this.flowId = flowId;
        this.targets = targets;
        this.piiCheck = piiCheck;
        this.metrics = metrics;
    }

    /**
     * Delivers each target's outputs, skipping targets not {@code owed} the event (empty: all are owed);
     * {@code retry} says it is not the event's first try, {@code restate} that it is of a snapshot. Each output's
     * sending is a span, a child of the current one (the event's), ended when its target answered.
     */
    Sent send(String inputId, String source, Map<String, List<ObjectNode>> outputs, List<String> owed, boolean retry,
              boolean restate) {
        Map<String, List<CompletableFuture<Void>>> sent = new LinkedHashMap<>();
        outputs.forEach((target, events) -> {
            if (!owed.isEmpty() && !owed.contains(target)) {
                return;
            }
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            events.forEach(output -> piiCheck.scan(target, inputId, output, metrics));
            for (int i = 0; i < events.size(); i++) {
                Delivery to = targets.get(target);
                String outputId = outputId(inputId, source, target, i);
                EventSpan span = tracing.send(target);
                CompletableFuture<Void> delivery = restate ? to.restate(events.get(i), outputId)
                        : to.deliver(events.get(i), outputId);
                delivery.whenComplete((ignored, error) -> {
                    metrics.delivered(target, error == null, retry);
                    if (error != null) {
                        span.failed(refused(error) ? "target-refused" : "target-failed", target);
                    }
                    span.end();
                });
                futures.add(delivery);
            }
            sent.put(target, futures);
        });
        return new Sent(sent);
    }

    /** The target refused the output for good: trying again cannot help. */
    private static boolean refused(Throwable error) {
        return error instanceof TargetFailure failure && !failure.kind().isRetried();
    }

    /** Same input event, flow and target (and position among that target's outputs): same id. */
    String outputId(String inputId, String source, String target, int index) {
        return UUID.nameUUIDFromBytes((source + "\n" + inputId + "\n" + flowId + "\n" + target + "\n"
                + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void close() {
        targets.values().forEach(Delivery::close);
    }
}
