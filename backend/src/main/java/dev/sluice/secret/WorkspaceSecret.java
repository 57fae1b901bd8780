package dev.sluice.secret;

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
@Table(name = "workspace_secrets")
class WorkspaceSecret {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 20000)
    private String ciphertext;

    @Column(name = "key_id", nullable = false, length = 16)
    private String keyId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    protected WorkspaceSecret() {
    }

    WorkspaceSecret(Workspace workspace, String name, String ciphertext, String keyId, String by, Instant at) {
        this.workspace = workspace;
        this.name = name;
        this.ciphertext = ciphertext;
        this.keyId = keyId;
        this.createdAt = at;
        this.createdBy = by;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    void replace(String ciphertext, String keyId, String by, Instant at) {
        this.ciphertext = ciphertext;
        this.keyId = keyId;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    String getName() {
        return name;
    }

    String getCiphertext() {
        return ciphertext;
    }

    String getKeyId() {
        return keyId;
    }

    SecretInfo info() {
        return new SecretInfo(name, createdAt, createdBy, updatedAt, updatedBy);
    }
}
