package dev.sluice.audit;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.sluice.platform.PeriodicTask;

/**
 * Verifies the whole audit chain every {@code sluice.audit.verify-every} (15 min; the first time a minute after the
 * start) and publishes the outcome for alerting: {@code sluice_audit_chain_valid} (1, or 0 when an entry was changed,
 * removed or reordered), {@code sluice_audit_chain_entries} and {@code sluice_audit_chain_verified_seconds} (when it
 * last finished, epoch seconds). Until the first check all three are NaN. A broken chain is also logged with the
 * first bad entry's number.
 */
@Component
class AuditChainWatch extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AuditChainWatch.class);

    private final AuditLog audit;
    private volatile double valid = Double.NaN;
    private volatile double entries = Double.NaN;
    private volatile double verifiedAt = Double.NaN;

    AuditChainWatch(AuditLog audit, MeterRegistry meters,
                    @Value("${sluice.audit.verify-every:15m}") Duration every,
                    @Value("${sluice.audit.verify-first-after:1m}") Duration first) {
        super("sluice-audit-chain", "verify the audit chain", first, every);
        this.audit = audit;
        Gauge.builder("sluice.audit.chain.valid", this, watch -> watch.valid)
                .description("1 when the audit chain verified at its last check, 0 when it did not")
                .register(meters);
        Gauge.builder("sluice.audit.chain.entries", this, watch -> watch.entries)
                .description("Audit entries the last check of the chain went through")
                .register(meters);
        Gauge.builder("sluice.audit.chain.verified", this, watch -> watch.verifiedAt).baseUnit("seconds")
                .description("When the audit chain was last checked, in seconds since the epoch")
                .register(meters);
    }

    void check() {
        AuditVerification verification = audit.verifyChain();
        if (!verification.ok()) {
            AuditVerification.BadEntry bad = verification.firstBad();
            log.error("The audit chain does not verify: entry {} {}", bad == null ? "?" : bad.id(),
                    bad == null ? "" : bad.reason());
        }
        valid = verification.ok() ? 1 : 0;
        entries = verification.entries();
        verifiedAt = System.currentTimeMillis() / 1000.0;
    }

    @Override
    protected void runOnce() {
        check();
    }
}
