package dev.sluice.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.privacy.PiiFinding;
import dev.sluice.privacy.SampledPiiCheck;

/**
 * The sampled scan of one running flow version's outgoing events. Every hit counts in the flow's metrics; the alert
 * is raised off the consumer thread, once per target and set of places every {@link #REPEAT_AFTER_MS} ms, so a
 * leaking flow under load raises one alert a while, not one per event. Thread-safe.
 */
final class RuntimePiiCheck {

    private static final Logger log = LoggerFactory.getLogger(RuntimePiiCheck.class);
    static final long REPEAT_AFTER_MS = 10 * 60 * 1000;

    private final DeployedFlow flow;
    private final PrivacyWatch watch;
    private final SampledPiiCheck check;
    private final Executor alerting;
    private final Map<String, Long> lastAlert = new ConcurrentHashMap<>();

    RuntimePiiCheck(DeployedFlow flow, PrivacyWatch watch, Executor alerting) {
        this.flow = flow;
        this.watch = watch;
        this.check = watch.checkFor(flow);
        this.alerting = alerting;
    }

    void scan(String target, String inputId, JsonNode output, FlowMetrics metrics) {
        if (check == null) {
            return;
        }
        List<PiiFinding> found = check.unexpected(target, output);
        if (found.isEmpty()) {
            return;
        }
        metrics.piiAlerts.increment();
        Set<String> places = new TreeSet<>();
        found.forEach(finding -> places.add(finding.path() + " " + finding.tag()));
        String key = target + " " + places;
        long now = System.currentTimeMillis();
        Long previous = lastAlert.get(key);
        if (previous != null && now - previous < REPEAT_AFTER_MS || lastAlert.size() > 1000) {
            return;
        }
        lastAlert.put(key, now);
        log.warn("Flow {}/{} v{} sent personal data the leak guard did not expect to target {}: {}",
                flow.flow().workspace(), flow.flow().name(), flow.version(), target, places);
        alerting.execute(() -> {
            try {
                watch.unexpected(flow, target, inputId, found);
            } catch (RuntimeException e) {
                log.warn("Could not record the privacy alert of flow {}: {}", flow.flowId(), e.getMessage());
                lastAlert.remove(key);
            }
        });
    }
}
