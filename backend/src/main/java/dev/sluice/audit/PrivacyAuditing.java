package dev.sluice.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.sluice.flowstore.FlowDeployRefused;
import dev.sluice.flowstore.LeakExemptionGranted;
import dev.sluice.privacy.ClearanceChanged;
import dev.sluice.privacy.PiiTagsChanged;
import dev.sluice.privacy.RecentEventsViewed;
import dev.sluice.privacy.SourceSamplesViewed;
import dev.sluice.privacy.UnexpectedPii;
import dev.sluice.source.SourceDescribed;

/**
 * Writes what protects personal data to the audit log: source schemas, PII tags and clearances (in their
 * transaction), leak-guard exceptions, and refused deploys (after their rollback, so the refusal stays on record).
 */
@Component
class PrivacyAuditing {

    private final AuditLog log;

    PrivacyAuditing(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void sourceDescribed(SourceDescribed event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.describe", "source", event.source(),
                Map.of("dataSchema", event.hasSchema(), "samples", event.samples())));
    }

    @EventListener
    void samplesViewed(SourceSamplesViewed event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.samples.view", "source", event.source(),
                Map.of("samples", event.samples())));
    }

    @EventListener
    void recentEventsViewed(RecentEventsViewed event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.recent-events.view", "source",
                event.source(), Map.of("events", event.events())));
    }

    @EventListener
    void tagsChanged(PiiTagsChanged event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.tags", "source", event.source(),
                beforeAfter(event.before(), event.after())));
    }

    @EventListener
    void clearanceChanged(ClearanceChanged event) {
        Map<String, Object> details = beforeAfter(event.before(), event.after());
        details.put("workspace", event.workspace());
        log.record(AuditRecord.success(event.by(), event.owner(), "source.clearance", "source", event.source(),
                details));
    }

    @EventListener
    void leakExempted(LeakExemptionGranted event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", event.flow());
        details.put("version", event.version());
        details.put("reason", event.reason());
        details.put("leaks", event.leaks());
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.leak-exception", "flow", event.flowId(),
                details));
    }

    /** The run-time check's alert: where and what kind of personal data, never the value. */
    @EventListener
    void unexpectedPii(UnexpectedPii event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", event.flow());
        details.put("version", event.version());
        details.put("target", event.target());
        details.put("eventId", event.eventId());
        details.put("findings", event.findings().stream()
                .map(finding -> Map.of("path", finding.path(), "tag", finding.tag())).toList());
        log.record(new AuditRecord("engine", event.workspace(), "flow.pii-alert", "flow",
                String.valueOf(event.flowId()), AuditRecord.Outcome.FAILURE, details));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
    void deployRefused(FlowDeployRefused event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", event.name());
        details.put("version", event.version());
        details.put("reasons", event.reasons());
        log.record(new AuditRecord(event.by(), event.workspace(), "flow.deploy", "flow",
                String.valueOf(event.flowId()), AuditRecord.Outcome.FAILURE, details));
    }

    private static Map<String, Object> beforeAfter(Map<String, String> before, Map<String, String> after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before);
        details.put("after", after);
        return details;
    }
}
