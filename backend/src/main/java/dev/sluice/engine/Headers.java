package dev.sluice.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The headers the engine puts on retried and dead-lettered events. Values never hold payload data. */
final class Headers {

    static final String ATTEMPT = "x-sluice-attempt";
    /** Set by RabbitMQ's quorum queues on an event handed out again. */
    static final String DELIVERY_COUNT = "x-delivery-count";
    static final String DUE = "x-sluice-due";
    static final String TARGETS = "x-sluice-targets";
    static final String REASON = "x-sluice-reason";
    static final String NODE = "x-sluice-node";
    static final String FIRST_ERROR = "x-sluice-first-error";
    static final String LAST_ERROR = "x-sluice-last-error";
    static final String DEAD_AT = "x-sluice-dead-at";
    static final String FLOW_VERSION = "x-sluice-flow-version";
    /** The trace a dead-lettered event belongs to: 32 hex digits. */
    static final String TRACE_ID = "x-sluice-trace-id";

    private Headers() {
    }

    /**
     * How often a RabbitMQ quorum queue handed this event out before and got it back (a nack with requeue, or the
     * consumer's channel closed with it unacked, as when an engine dies); 0 when the broker does not say.
     */
    static int deliveryCount(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(DELIVERY_COUNT);
        return value instanceof Number number ? number.intValue() : 0;
    }

    static int attempt(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(ATTEMPT);
        return value instanceof Number number ? number.intValue() : 1;
    }

    static long due(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(DUE);
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** The targets still owed this event; empty means all. */
    static List<String> targets(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(TARGETS);
        return value == null || value.toString().isEmpty() ? List.of() : List.of(value.toString().split(","));
    }

    static String text(Map<String, Object> headers, String name) {
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }

    static Map<String, Object> copy(Map<String, Object> headers) {
        return headers == null ? new HashMap<>() : new HashMap<>(headers);
    }
}
