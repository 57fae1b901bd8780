package dev.sluice.tracing;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Spans of events on their way through Sluice, as OpenTelemetry exports them: one per ingest request, one per event
 * a flow takes (a consumer span whose parent is the event's {@code traceparent}, the CloudEvents distributed-tracing
 * extension), a child per node the event passes and per output a target sends. Ingest writes its own span's
 * context into each event that carries no {@code traceparent} yet, so the flows' spans join its trace across the
 * broker; an event that carries one keeps it. {@link #OFF} (no endpoint configured) creates nothing and leaves
 * events as they are. Thread-safe.
 */
public final class EventTracing {

    /** The CloudEvents distributed-tracing extension attributes (W3C Trace Context). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final EventTracing OFF = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private static final Pattern W3C_TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String NO_TRACE = "00000000000000000000000000000000";

    private static final Propagator.Getter<JsonNode> FROM_EVENT = (event, name) -> {
        JsonNode value = event.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    };
    private static final Propagator.Setter<ObjectNode> INTO_EVENT = (event, name, value) -> {
        if (event != null && (TRACEPARENT.equals(name) || TRACESTATE.equals(name)) && !value.isEmpty()) {
            event.put(name, value);
        }
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public boolean enabled() {
        return tracer != Tracer.NOOP;
    }

    /**
     * The span of one ingest request publishing {@code events} to {@code source} (a child of the HTTP request's),
     * written as {@code traceparent} into every event that has none. End it once the broker answered.
     */
    public EventSpan ingest(String source, List<ObjectNode> events) {
        if (!enabled()) {
            return EventSpan.untraced(null);
        }
        Span span = builder(tracer.currentSpan()).name("ingest " + source).kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "rabbitmq")
                .tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", source)
                .tag("messaging.batch.message_count", events.size())
                .start();
        for (ObjectNode event : events) {
            if (!event.hasNonNull(TRACEPARENT)) {
                propagator.inject(span.context(), event, INTO_EVENT);
            }
        }
        return new EventSpan(tracer, span);
    }

    /**
     * The span of a flow taking one event ({@code null} when it is no CloudEvent), the child of the event's
     * {@code traceparent}, or a trace of its own when it has none. Untraced (tracing off) it still knows the trace
     * the event names.
     */
    public EventSpan received(ObjectNode event, String flow, long flowId, int version, int attempt) {
        if (!enabled()) {
            return EventSpan.untraced(event == null ? null : traceIdOf(event));
        }
        Span.Builder builder = event != null && event.hasNonNull(TRACEPARENT) ? propagator.extract(event, FROM_EVENT)
                : tracer.spanBuilder().setNoParent();
        builder.name("flow " + flow).kind(Span.Kind.CONSUMER)
                .tag("messaging.operation.type", "process")
                .tag("sluice.flow", flow)
                .tag("sluice.flow.id", flowId)
                .tag("sluice.flow.version", version)
                .tag("sluice.attempt", attempt);
        if (event != null) {
            builder.tag("cloudevents.event_id", event.path("id").asText())
                    .tag("cloudevents.event_source", event.path("source").asText())
                    .tag("cloudevents.event_type", event.path("type").asText());
        }
        return new EventSpan(tracer, builder.start());
    }

    /** A node's step on the event of this thread's current span ({@link EventSpan#inScope}); nothing without one. */
    public EventSpan step(String node, String kind) {
        return child("node " + node, null, node, kind);
    }

    /**
     * A target sending one output of the event of this thread's current span; ended by the caller once the target
     * answered, on any thread. Nothing without a current span.
     */
    public EventSpan send(String target) {
        return child("send " + target, Span.Kind.PRODUCER, target, null);
    }

    /** @param kind null: internal */
    private EventSpan child(String name, Span.Kind kind, String node, String nodeKind) {
        Span current = enabled() ? tracer.currentSpan() : null;
        if (current == null) {
            return EventSpan.untraced(null);
        }
        Span.Builder builder = builder(current).name(name).tag("sluice.node", node);
        if (kind != null) {
            builder.kind(kind);
        }
        if (nodeKind != null) {
            builder.tag("sluice.node.kind", nodeKind);
        }
        return new EventSpan(tracer, builder.start());
    }

    private Span.Builder builder(Span parent) {
        Span.Builder builder = tracer.spanBuilder();
        return parent == null ? builder : builder.setParent(parent.context());
    }

    /** The trace id in the event's {@code traceparent}, or null when it has no valid one. */
    public static String traceIdOf(JsonNode event) {
        String traceparent = FROM_EVENT.get(event, TRACEPARENT);
        if (traceparent == null) {
            return null;
        }
        var matched = W3C_TRACEPARENT.matcher(traceparent);
        return matched.matches() && !matched.group(1).equals(NO_TRACE) ? matched.group(1) : null;
    }
}
