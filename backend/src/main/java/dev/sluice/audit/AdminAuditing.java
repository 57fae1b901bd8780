package dev.sluice.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.sluice.source.SourceGrantChanged;
import dev.sluice.source.SourceHomeMoved;
import dev.sluice.source.SourceKeyChanged;
import dev.sluice.source.SourceRegistered;
import dev.sluice.workspace.DirectoryRolesApplied;
import dev.sluice.workspace.GroupRule;
import dev.sluice.workspace.GroupRuleChanged;
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
    void groupRuleChanged(GroupRuleChanged event) {
        GroupRule rule = event.rule();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", rule.group());
        details.put("grants", rule.grants());
        log.record(AuditRecord.success(event.by(), rule.workspace(),
                event.added() ? "group-rule.add" : "group-rule.remove", "group-rule", String.valueOf(rule.id()),
                details));
    }

    /** A directory user's roles as their groups gave them at sign-in, when they changed. */
    @EventListener
    void directoryRolesApplied(DirectoryRolesApplied event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("origin", event.origin().name());
        details.put("groups", event.groups());
        details.put("created", event.created());
        details.put("platformBefore", event.platformBefore() == null ? null : event.platformBefore().name());
        details.put("platformAfter", event.platformAfter() == null ? null : event.platformAfter().name());
        details.put("before", names(event.before()));
        details.put("after", names(event.after()));
        log.record(AuditRecord.success(event.username(), null, "login.roles", "user", event.username(), details));
    }

    private static Map<String, String> names(Map<String, ? extends Enum<?>> roles) {
        Map<String, String> named = new LinkedHashMap<>();
        roles.forEach((workspace, role) -> named.put(workspace, role.name()));
        return named;
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
