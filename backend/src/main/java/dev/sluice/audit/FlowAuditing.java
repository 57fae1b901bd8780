package dev.sluice.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.sluice.flowstore.DeadLettersReplayed;
import dev.sluice.flowstore.DeadLettersViewed;
import dev.sluice.flowstore.FlowDeleted;
import dev.sluice.flowstore.FlowDeployed;
import dev.sluice.flowstore.FlowDiff;
import dev.sluice.flowstore.FlowExported;
import dev.sluice.flowstore.FlowPreviewed;
import dev.sluice.flowstore.FlowRenamed;
import dev.sluice.flowstore.FlowUndeployed;
import dev.sluice.flowstore.FlowVersionSaved;
import dev.sluice.flowstore.TargetChecked;
import dev.sluice.json.Json;

/**
 * Writes flow events to the audit log, inside the transaction that published them: a save whose entry cannot
 * be written is not saved. A save's entry holds the diff from the version before, without test data.
 */
@Component
class FlowAuditing {

    private final AuditLog log;
    private final Timer saveAuditing;
    private final EntityManager entityManager;

    FlowAuditing(AuditLog log, MeterRegistry meters, EntityManager entityManager) {
        this.log = log;
        this.entityManager = entityManager;
        this.saveAuditing = Timer.builder("sluice.audit.flow.save")
                .description("Time a flow save spends auditing itself: the diff and the chained append")
                .register(meters);
    }

    @EventListener
    void saved(FlowVersionSaved event) {
        // the save's own writes go to the database now rather than at commit, so the timer measures auditing alone
        entityManager.flush();
        saveAuditing.record(() -> audit(event));
    }

    private void audit(FlowVersionSaved event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", event.flowName());
        details.put("version", event.version());
        details.put("comment", event.comment());
        if (event.diff() != null) {
            details.put("diff", summary(event.diff()));
        }
        log.record(AuditRecord.success(event.author(), event.workspace(),
                event.version() == 1 ? "flow.import" : "flow.save", "flow", event.flowId(), details));
    }

    @EventListener
    void deleted(FlowDeleted event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.delete", "flow", event.flowId(),
                Map.of("name", event.flowName())));
    }

    @EventListener
    void renamed(FlowRenamed event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.rename", "flow", event.flowId(),
                Map.of("name", event.newName(), "from", event.oldName(), "to", event.newName())));
    }

    @EventListener
    void deadLettersViewed(DeadLettersViewed event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.deadletters.view", "flow", event.flowId(),
                Map.of("name", event.name(), "count", event.messageIds().size(), "ids", event.messageIds())));
    }

    @EventListener
    void deadLettersReplayed(DeadLettersReplayed event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.deadletters.replay", "flow",
                event.flowId(), Map.of("name", event.name(), "requested", event.requested().isEmpty() ? "all"
                        : event.requested(), "replayed", event.replayed())));
    }

    @EventListener
    void resynced(dev.sluice.flowstore.FlowResynced event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.resync", "flow", event.flowId(),
                Map.of("name", event.name(), "version", event.version())));
    }

    @EventListener
    void deployed(FlowDeployed event) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("name", event.name());
        details.put("version", event.version());
        if (event.ordered()) {
            details.put("ordered", true);
        }
        if (event.from().replays()) {
            details.put("from", event.from().toString());
        }
        if (event.keyOrder() != null) {
            details.put("orderedBy", event.keyOrder().key());
            details.put("partitions", event.keyOrder().partitions());
        }
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.deploy", "flow", event.flowId(), details));
    }

    @EventListener
    void undeployed(FlowUndeployed event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.undeploy", "flow", event.flowId(),
                Map.of("name", event.name(), "queueDeleted", event.queueDeleted())));
    }

    @EventListener
    void previewed(FlowPreviewed event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", event.flowName());
        details.put("events", event.events());
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.preview", "flow", event.flowName(),
                details));
    }

    @EventListener
    void targetChecked(TargetChecked event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", event.kind());
        if (event.problems().isEmpty()) {
            details.put("message", event.message());
        } else {
            details.put("problems", event.problems());
        }
        AuditRecord.Outcome outcome = !event.problems().isEmpty() ? AuditRecord.Outcome.DENIED
                : event.reachable() ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE;
        log.record(new AuditRecord(event.by(), event.workspace(), "flow.target-check", "flow",
                String.valueOf(event.flowId()), outcome, details));
    }

    @EventListener
    void exported(FlowExported event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "flow.export", "flow", event.flowId(),
                Map.of("name", event.flowName(), "version", event.version())));
    }

    /** The diff as JSON, with tests named only: their inputs and expectations are sample payloads. */
    static JsonNode summary(FlowDiff diff) {
        ObjectNode tree = Json.MAPPER.valueToTree(diff);
        List<String> changedTests = new ArrayList<>();
        diff.tests().changed().forEach(test -> changedTests.add(test.name()));
        ObjectNode tests = tree.putObject("tests");
        tests.set("added", Json.MAPPER.valueToTree(diff.tests().added()));
        tests.set("removed", Json.MAPPER.valueToTree(diff.tests().removed()));
        tests.set("changed", Json.MAPPER.valueToTree(changedTests));
        tree.put("layout", diff.layout().size());
        return tree;
    }
}
