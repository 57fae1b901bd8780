package dev.sluice.flowstore;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/** One saved version of a flow: the canonical JSON text, never changed once written. */
@Entity
@Table(name = "flow_versions")
@IdClass(FlowVersion.Key.class)
class FlowVersion implements Persistable<FlowVersion.Key> {

    /** The {@code definition} column's size; longer canonical texts are refused. */
    static final int MAX_DEFINITION_LENGTH = 1_000_000;

    @Id
    @Column(name = "flow_id")
    private Long flowId;

    @Id
    @Column(name = "version")
    private Integer version;

    @Column(nullable = false, length = MAX_DEFINITION_LENGTH)
    private String definition;

    @Column(length = 1000)
    private String comment;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Versions are only ever inserted: a save must fail on an existing (flow, version), never merge into it. */
    @Transient
    private boolean loaded;

    protected FlowVersion() {
    }

    FlowVersion(long flowId, int version, String definition, String comment, String createdBy, Instant createdAt) {
        this.flowId = flowId;
        this.version = version;
        this.definition = definition;
        this.comment = comment;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    @PostLoad
    @PostPersist
    void markLoaded() {
        loaded = true;
    }

    @Override
    public Key getId() {
        return new Key(flowId, version);
    }

    @Override
    public boolean isNew() {
        return !loaded;
    }

    int getVersion() {
        return version;
    }

    String getDefinition() {
        return definition;
    }

    String getComment() {
        return comment;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    static final class Key implements Serializable {
        private Long flowId;
        private Integer version;

        Key() {
        }

        Key(Long flowId, Integer version) {
            this.flowId = flowId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(flowId, key.flowId) && Objects.equals(version, key.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flowId, version);
        }
    }
}
