package dev.sluice.privacy;

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

import dev.sluice.source.EventSource;
import dev.sluice.workspace.Workspace;

/** What one workspace may receive of one tag of a source, as the source's owner granted it. */
@Entity
@Table(name = "source_clearances")
class SourceClearance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    private EventSource source;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 64)
    private String tag;

    @Column(nullable = false, length = 16)
    private String level;

    @Column(name = "granted_by", nullable = false, length = 64)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected SourceClearance() {
    }

    SourceClearance(EventSource source, Workspace workspace, String tag, Clearance.Level level, String grantedBy) {
        this.source = source;
        this.workspace = workspace;
        this.tag = tag;
        this.level = level.id();
        this.grantedBy = grantedBy;
        this.grantedAt = Instant.now();
    }

    String workspace() {
        return workspace.getName();
    }

    String tag() {
        return tag;
    }

    Clearance.Level level() {
        return Clearance.Level.of(level);
    }
}
