package dev.sluice.flowstore;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's unsaved document for one flow, kept as typed: it need not be valid, or even a flow. */
@Entity
@Table(name = "flow_drafts")
class StoredDraft {

    /** The {@code document} column's size, as for a version's definition. */
    static final int MAX_DOCUMENT_LENGTH = FlowVersion.MAX_DEFINITION_LENGTH;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "flow_id", nullable = false)
    private long flowId;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "base_version", nullable = false)
    private int baseVersion;

    @Column(nullable = false, length = MAX_DOCUMENT_LENGTH)
    private String document;

    @Column(name = "saved_at", nullable = false)
    private Instant savedAt;

    protected StoredDraft() {
    }

    StoredDraft(long flowId, String username) {
        this.flowId = flowId;
        this.username = username;
    }

    void keep(int baseVersion, String document, Instant now) {
        this.baseVersion = baseVersion;
        this.document = document;
        this.savedAt = now;
    }

    long getFlowId() {
        return flowId;
    }

    int getBaseVersion() {
        return baseVersion;
    }

    String getDocument() {
        return document;
    }

    Instant getSavedAt() {
        return savedAt;
    }
}
