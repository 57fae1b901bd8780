package dev.sluice.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * One span of an event's way through Sluice, or none when tracing is off. Its trace id is known either way when the
 * event carries a {@code traceparent}, so a dead letter names its trace even where this instance exports nothing.
 * Ended once; spans hold ids, names and kinds of failure, never payload values or error texts. Thread-safe.
 */
public final class EventSpan {

    private final Tracer tracer;
    private final Span span;
    private final String traceId;

    EventSpan(Tracer tracer, Span span) {
        this(tracer, span, span.context().traceId());
    }

    private EventSpan(Tracer tracer, Span span, String traceId) {
        this.tracer = tracer;
        this.span = span;
        this.traceId = traceId;
    }

    /** Nothing traced, but the trace the event belongs to ({@code traceId}, or null when it names none). */
    static EventSpan untraced(String traceId) {
        return new EventSpan(Tracer.NOOP, Span.NOOP, traceId);
    }

    /** The 32 hex digits of the event's trace, or null when it belongs to none. */
    public String traceId() {
        return traceId;
    }

    /**
     * Makes this the current span of this thread until the scope is closed (on the same thread): the spans of the
     * steps run meanwhile are its children.
     */
    public Scope inScope() {
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return scope::close;
    }

    /** The time a span is current on a thread. */
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }

    /** Marks the span failed: {@code reason} is a kind of failure ({@code node-failed}), never a message. */
    public EventSpan failed(String reason, String where) {
        if (!span.isNoop()) {
            span.tag("sluice.failure", reason);
            if (where != null) {
                span.tag("sluice.failure.at", where);
            }
            span.error(new EventFailed(reason + (where == null ? "" : " at " + where)));
        }
        return this;
    }

    public EventSpan tag(String key, String value) {
        if (!span.isNoop() && value != null) {
            span.tag(key, value);
        }
        return this;
    }

    public void end() {
        span.end();
    }

    /** The failure recorded on a span: its kind and where, without a stack trace or the error's text. */
    static final class EventFailed extends RuntimeException {

        EventFailed(String message) {
            super(message, null, false, false);
        }
    }
}
