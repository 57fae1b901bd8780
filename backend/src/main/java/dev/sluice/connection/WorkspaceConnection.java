package dev.sluice.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.sluice.workspace.Workspace;

@Entity
@Table(name = "workspace_connections")
class WorkspaceConnection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(length = 200)
    private String username;

    @Column(name = "password_secret", length = 100)
    private String passwordSecret;

    /** JSON object: header name → text or {"secret": name}. */
    @Column(length = 20000)
    private String headers;

    @Column(length = 1000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    protected WorkspaceConnection() {
    }

    WorkspaceConnection(Workspace workspace, ConnectionSpec spec, String by, Instant at) {
        this.workspace = workspace;
        this.name = spec.name();
        this.createdAt = at;
        this.createdBy = by;
        apply(spec, by, at);
    }

    void apply(ConnectionSpec spec, String by, Instant at) {
        this.kind = spec.kind();
        this.url = spec.url();
        this.username = spec.username();
        this.passwordSecret = spec.passwordSecret();
        this.headers = spec.headersJson();
        this.description = spec.description();
        this.updatedAt = at;
        this.updatedBy = by;
    }

    ConnectionSpec spec() {
        return ConnectionSpec.stored(name, kind, url, username, passwordSecret, headers, description);
    }

    ConnectionInfo info() {
        return new ConnectionInfo(workspace.getName(), spec(), createdAt, createdBy, updatedAt, updatedBy);
    }

    Workspace getWorkspace() {
        return workspace;
    }

    String getName() {
        return name;
    }
}
