package dev.sluice.workspace;

import java.time.Instant;

/**
 * A group rule as admins list it: members of {@code group} get {@code workspaceRole} in {@code workspace}, or
 * {@code platformRole} (exactly one of the two is set).
 */
public record GroupRule(Long id, String group, String workspace, WorkspaceRole workspaceRole,
                        PlatformRole platformRole, String createdBy, Instant createdAt) {

    /** "steward of finance", "platform admin". */
    public String grants() {
        return platformRole != null ? "platform " + platformRole.name().toLowerCase()
                : workspaceRole.name().toLowerCase() + " of " + workspace;
    }
}
