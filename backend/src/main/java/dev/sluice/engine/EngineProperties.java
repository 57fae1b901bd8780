package dev.sluice.engine;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param prefetch    unacknowledged events per consumer
 * @param consumers   consumers per flow on this instance (an ordered flow always has one, across instances)
 * @param retryDelays waits before each retry; their count is the number of retries before dead-lettering
 * @param drainTimeout how long a stopping flow waits for its in-flight events before handing them back
 * @param queuePrefix  starts every queue name ({@code sluice.flow.42}), so installations can share a broker
 * @param budgetFailuresToPause events in a row whose script ran out of its budget before the flow is paused
 * @param keepHistory  how long each source's events are kept to start a flow from a point in time (a stream per
 *                     source on RabbitMQ, the database on the embedded broker); 0 keeps no history
 * @param nodeCpuTime  also export each node's CPU time per event, {@code sluice_node_cpu_seconds}, beside its wall
 *                     time: on a busy machine a node's wall time includes waiting for a core, its CPU time only its
 *                     own work; the thread's CPU clock is read twice per node and event, about 0.2 µs each, so it
 *                     is off unless a node's cost is being looked into
 */
@ConfigurationProperties("sluice.engine")
public record EngineProperties(@DefaultValue("100") int prefetch,
                               @DefaultValue("2") int consumers,
                               @DefaultValue({"1s", "5s", "30s", "2m", "10m"}) List<Duration> retryDelays,
                               @DefaultValue("30s") Duration drainTimeout,
                               @DefaultValue("sluice") String queuePrefix,
                               @DefaultValue("20") int budgetFailuresToPause,
                               @DefaultValue("7d") Duration keepHistory,
                               @DefaultValue("false") boolean nodeCpuTime) {

    @ConstructorBinding
    public EngineProperties {
    }

    public EngineProperties(int prefetch, int consumers, List<Duration> retryDelays, Duration drainTimeout,
                            String queuePrefix) {
        this(prefetch, consumers, retryDelays, drainTimeout, queuePrefix, 20);
    }

    public EngineProperties(int prefetch, int consumers, List<Duration> retryDelays, Duration drainTimeout,
                            String queuePrefix, int budgetFailuresToPause) {
        this(prefetch, consumers, retryDelays, drainTimeout, queuePrefix, budgetFailuresToPause, Duration.ofDays(7),
                false);
    }

    /** Whether events are kept to start flows from a point in time. */
    public boolean keepsHistory() {
        return keepHistory.isPositive();
    }

    public static EngineProperties defaults() {
        return new EngineProperties(100, 2, List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10)), Duration.ofSeconds(30), "sluice");
    }

    public Topology topology() {
        return new Topology(queuePrefix);
    }

    /** Attempts in all: the first plus one per retry delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
