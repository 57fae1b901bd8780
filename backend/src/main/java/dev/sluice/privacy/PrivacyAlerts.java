package dev.sluice.privacy;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the run-time check's alerts per flow, for its status on every instance. Thread-safe. */
@Service
public class PrivacyAlerts {

    private final PrivacyAlertRepository alerts;

    PrivacyAlerts(PrivacyAlertRepository alerts) {
        this.alerts = alerts;
    }

    @EventListener
    @Transactional
    void record(UnexpectedPii alert) {
        for (PiiFinding finding : alert.findings()) {
            alerts.save(new PrivacyAlert(alert.flowId(), alert.version(), alert.target(), finding.path(),
                    finding.tag(), alert.eventId()));
        }
    }

    /**
     * One finding: where in the event bound for {@code target} personal data of kind {@code tag} was, never what.
     *
     * @param detectedAt ISO-8601
     */
    public record Alert(int version, String target, String path, String tag, String eventId, String detectedAt) {
    }

    /** The newest alerts of a flow, newest first; the caller must be allowed to read the flow. */
    @Transactional(readOnly = true)
    public List<Alert> recent(long flowId, int limit) {
        return alerts.findByFlowIdOrderByDetectedAtDescIdDesc(flowId, Limit.of(limit)).stream()
                .map(alert -> new Alert(alert.getVersion(), alert.getTarget(), alert.getPath(), alert.getTag(),
                        alert.getEventId(), alert.getDetectedAt().toString())).toList();
    }

    @Transactional(readOnly = true)
    public long count(long flowId) {
        return alerts.countByFlowId(flowId);
    }
}
