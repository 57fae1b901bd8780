package dev.sluice.flowstore;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A platform admin's recorded decision that one version of a flow may deploy although the leak guard reports
 * leaks: exactly those leaks (as JSON), for the reason given. A later change that leaks more needs a new one.
 * (The API and audit log call it a leak exception; the table is {@code leak_exceptions}.)
 */
@Entity
@Table(name = "leak_exceptions")
class LeakExemption {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "flow_id", nullable = false)
    private long flowId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false, length = 100_000)
    private String leaks;

    @Column(nullable = false, length = 1000)
    private String reason;

    @Column(name = "granted_by", nullable = false, length = 64)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected LeakExemption() {
    }

    LeakExemption(long flowId, int version, String leaks, String reason, String grantedBy) {
        this.flowId = flowId;
        this.version = version;
        this.leaks = leaks;
        this.reason = reason;
        this.grantedBy = grantedBy;
        this.grantedAt = Instant.now();
    }

    String leaks() {
        return leaks;
    }

    String reason() {
        return reason;
    }

    String grantedBy() {
        return grantedBy;
    }

    Instant grantedAt() {
        return grantedAt;
    }
}
