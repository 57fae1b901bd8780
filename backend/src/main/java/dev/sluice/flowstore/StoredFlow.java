package dev.sluice.flowstore;

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

import dev.sluice.engine.Bootstrap;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.StartFrom;
import dev.sluice.workspace.Workspace;

/** A flow's identity and state; its content lives in {@link FlowVersion}s. */
@Entity
@Table(name = "flows")
class StoredFlow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 2000)
    private String description;

    @Column(name = "latest_version", nullable = false)
    private int latestVersion;

    @Column(name = "deployed_version")
    private Integer deployedVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private FlowState state;

    @Column(name = "deploy_ordered", nullable = false)
    private boolean ordered;

    @Column(name = "deploy_ordered_by", length = 300)
    private String orderedBy;

    @Column(name = "deploy_partitions", nullable = false)
    private int partitions;

    /** The region the flow runs in; null: its source's home region. */
    @Column(name = "region", length = 63)
    private String region;

    @Column(name = "bootstrap_token", length = 64)
    private String bootstrapToken;

    @Column(name = "bootstrap_from")
    private Instant bootstrapFrom;

    @Column(name = "bootstrapped_token", length = 64)
    private String bootstrappedToken;

    @Column(name = "bootstrap_claimed_at")
    private Instant bootstrapClaimedAt;

    @Column(name = "paused_reason", length = 1000)
    private String pausedReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    protected StoredFlow() {
    }

    StoredFlow(Workspace workspace, String name, String description, String author, Instant now) {
        this.workspace = workspace;
        this.name = name;
        this.description = description;
        this.latestVersion = 1;
        this.state = FlowState.DRAFT;
        this.createdAt = now;
        this.updatedAt = now;
        this.updatedBy = author;
    }

    /** Records that version {@code latestVersion + 1} was saved; returns its number. */
    int advance(String newDescription, String author, Instant now) {
        latestVersion++;
        description = newDescription;
        updatedAt = now;
        updatedBy = author;
        return latestVersion;
    }

    void rename(String newName, String by, Instant now) {
        name = newName;
        updatedAt = now;
        updatedBy = by;
    }

    /** Marks {@code version} as the one that runs, with its deployment options. */
    void deploy(int version, boolean ordered, KeyOrder keyOrder, StartFrom from, String region, String by,
                Instant now) {
        this.ordered = ordered;
        this.region = region;
        if (from.replays()) {
            bootstrapToken = java.util.UUID.randomUUID().toString();
            bootstrapFrom = from.history();
            bootstrapClaimedAt = null;
        } else {
            bootstrapToken = null;
            bootstrapFrom = null;
        }
        this.orderedBy = keyOrder == null ? null : keyOrder.key();
        this.partitions = keyOrder == null ? 0 : keyOrder.partitions();
        resume(version, by, now);
    }

    /** Runs {@code version} again with the options it had. */
    void resume(int version, String by, Instant now) {
        deployedVersion = version;
        state = FlowState.DEPLOYED;
        pausedReason = null;
        updatedAt = now;
        updatedBy = by;
    }

    /** Nothing of this flow runs any more. */
    void undeploy(String by, Instant now) {
        deployedVersion = null;
        state = FlowState.DRAFT;
        pausedReason = null;
        updatedAt = now;
        updatedBy = by;
    }

    /** Deployed, but the engine does not run it until resumed. */
    void pause(String reason, String by, Instant now) {
        state = FlowState.PAUSED;
        pausedReason = reason;
        updatedAt = now;
        updatedBy = by;
    }

    Long getId() {
        return id;
    }

    Workspace getWorkspace() {
        return workspace;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    int getLatestVersion() {
        return latestVersion;
    }

    Integer getDeployedVersion() {
        return deployedVersion;
    }

    FlowState getState() {
        return state;
    }

    boolean isOrdered() {
        return ordered;
    }

    /** The snapshot or history the flow still owes before its live events, or null when it owes none. */
    Bootstrap getPendingBootstrap() {
        return bootstrapToken != null && !bootstrapToken.equals(bootstrappedToken)
                ? new Bootstrap(bootstrapToken, bootstrapFrom) : null;
    }

    /** Takes on publishing the snapshot of run {@code token}, unless another instance took it on recently. */
    boolean claimBootstrap(String token, Instant now, java.time.Duration expiry) {
        if (getPendingBootstrap() == null || !token.equals(bootstrapToken)
                || bootstrapClaimedAt != null && bootstrapClaimedAt.isAfter(now.minus(expiry))) {
            return false;
        }
        bootstrapClaimedAt = now;
        return true;
    }

    /** The snapshot of run {@code token} went through: live events may flow. */
    void bootstrapped(String token) {
        if (token.equals(bootstrapToken)) {
            bootstrappedToken = token;
        }
    }

    /** The region the flow runs in, or null for its source's home region. */
    String getRegion() {
        return region;
    }

    /** How the flow is ordered by key, or null when it is not. */
    KeyOrder getKeyOrder() {
        return orderedBy == null ? null : new KeyOrder(orderedBy, partitions);
    }

    String getPausedReason() {
        return pausedReason;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    String getUpdatedBy() {
        return updatedBy;
    }
}
