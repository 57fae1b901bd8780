package dev.sluice.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.sluice.source.SourceGrantChanged;
import dev.sluice.source.SourceHomeMoved;
import dev.sluice.source.SourceKeyChanged;
import dev.sluice.source.SourceRegistered;
import dev.sluice.workspace.MembershipChanged;
import dev.sluice.workspace.UserCreated;
import dev.sluice.workspace.WorkspaceCreated;

/** Writes workspace, user, membership and source catalog changes to the audit log, in their transaction. */
@Component
class AdminAuditing {

    private final AuditLog log;

    AdminAuditing(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void workspaceCreated(WorkspaceCreated event) {
        log.record(AuditRecord.success(event.by(), event.workspace(), "workspace.create", "workspace",
                event.workspace(), Map.of()));
    }

    @EventListener
    void userCreated(UserCreated event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("platformRole", event.platformRole() == null ? null : event.platformRole().name());
        log.record(AuditRecord.success(event.by(), null, "user.create", "user", event.username(), details));
    }

    @EventListener
    void membershipChanged(MembershipChanged event) {
        String action = event.before() == null ? "membership.add"
                : event.after() == null ? "membership.remove" : "membership.change";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user", event.username());
        details.put("before", event.before() == null ? null : event.before().name());
        details.put("after", event.after() == null ? null : event.after().name());
        log.record(AuditRecord.success(event.by(), event.workspace(), action, "membership",
                event.workspace() + "/" + event.username(), details));
    }

    @EventListener
    void sourceRegistered(SourceRegistered event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.register", "source", event.source(),
                Map.of("eventTypes", event.eventTypes())));
    }

    @EventListener
    void sourceKeyChanged(SourceKeyChanged event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.key", "source", event.source(),
                Map.of("before", event.before(), "after", event.after())));
    }

    @EventListener
    void sourceHomeMoved(SourceHomeMoved event) {
        log.record(AuditRecord.success(event.by(), event.owner(), "source.region", "source", event.source(),
                Map.of("before", event.before(), "after", event.after())));
    }

    @EventListener
    void grantChanged(SourceGrantChanged event) {
        log.record(AuditRecord.success(event.by(), event.owner(), event.granted() ? "source.grant" : "source.revoke",
                "source", event.source(), Map.of("workspace", event.workspace())));
    }
}
