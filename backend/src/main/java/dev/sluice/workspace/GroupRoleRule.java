package dev.sluice.workspace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Members of a directory group get a role: in one workspace, or a platform role. */
@Entity
@Table(name = "group_role_rules")
class GroupRoleRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "group_name", nullable = false, length = 256)
    private String group;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Enumerated(EnumType.STRING)
    @Column(name = "workspace_role", length = 16)
    private WorkspaceRole workspaceRole;

    @Enumerated(EnumType.STRING)
    @Column(name = "platform_role", length = 16)
    private PlatformRole platformRole;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GroupRoleRule() {
    }

    GroupRoleRule(String group, Workspace workspace, WorkspaceRole workspaceRole, PlatformRole platformRole,
                  String createdBy) {
        this.group = group;
        this.workspace = workspace;
        this.workspaceRole = workspaceRole;
        this.platformRole = platformRole;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    Long getId() {
        return id;
    }

    String getGroup() {
        return group;
    }

    Workspace getWorkspace() {
        return workspace;
    }

    WorkspaceRole getWorkspaceRole() {
        return workspaceRole;
    }

    PlatformRole getPlatformRole() {
        return platformRole;
    }

    GroupRule view() {
        return new GroupRule(id, group, workspace == null ? null : workspace.getName(), workspaceRole, platformRole,
                createdBy, createdAt);
    }
}
