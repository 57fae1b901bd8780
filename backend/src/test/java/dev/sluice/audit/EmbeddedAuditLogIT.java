package dev.sluice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls.Response;
import dev.sluice.TestBackends;

/**
 * The audit log on H2, where nothing stops a database user from rewriting rows: the hash chain must name the
 * first entry tampered with. Each test repairs what it broke, so the others see an intact chain.
 */
class EmbeddedAuditLogIT extends AuditLogContractIT {

    @Autowired
    AuditChainWatch watch;

    @Autowired
    MeterRegistry meters;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @Test
    void verifyNamesAnEntryWhoseFieldWasChanged() {
        long id = append("tamper-field");
        try {
            jdbc.update("update audit_log set actor = 'someone-else' where id = ?", id);

            Response verify = api.get("/api/audit/verify", "auditor");

            assertThat(verify.json().path("ok").asBoolean()).isFalse();
            assertThat(verify.json().path("firstBad").path("id").asLong()).isEqualTo(id);
            assertThat(verify.json().path("firstBad").path("reason").asText()).contains("changed");
            assertThat(verify.json().path("firstBad").path("entry").path("actor").asText()).isEqualTo("someone-else");
        } finally {
            jdbc.update("update audit_log set actor = 'tamper-field' where id = ?", id);
        }
        assertThat(audit.verify("auditor").ok()).isTrue();
    }

    @Test
    void theChainWatchPublishesAChangedEntryAsAnInvalidChain() {
        long id = append("tamper-watched");
        watch.check();
        assertThat(meters.get("sluice.audit.chain.valid").gauge().value()).isEqualTo(1);
        assertThat(meters.get("sluice.audit.chain.entries").gauge().value()).isGreaterThanOrEqualTo(id);
        try {
            jdbc.update("update audit_log set actor = 'someone-else' where id = ?", id);

            watch.check();

            assertThat(meters.get("sluice.audit.chain.valid").gauge().value()).isZero();
        } finally {
            jdbc.update("update audit_log set actor = 'tamper-watched' where id = ?", id);
        }
        watch.check();
        assertThat(meters.get("sluice.audit.chain.valid").gauge().value()).isEqualTo(1);
        assertThat(meters.get("sluice.audit.chain.verified").gauge().value())
                .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
    }

    @Test
    void verifyNamesADeletedEntry() {
        long id = append("tamper-delete");
        append("tamper-after");
        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where id = ?", id);
        try {
            jdbc.update("delete from audit_log where id = ?", id);

            AuditVerification result = audit.verify("auditor");

            assertThat(result.ok()).isFalse();
            assertThat(result.firstBad().id()).isEqualTo(id);
            assertThat(result.firstBad().reason()).contains("missing");
        } finally {
            reinsert(row);
        }
        assertThat(audit.verify("auditor").ok()).isTrue();
    }

    @Test
    void verifyNamesTheLastEntryWhenItWasDeleted() {
        long id = append("tamper-tail");
        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where id = ?", id);
        try {
            jdbc.update("delete from audit_log where id = ?", id);

            AuditVerification result = audit.verify("auditor");

            assertThat(result.ok()).isFalse();
            assertThat(result.firstBad().id()).isEqualTo(id);
        } finally {
            reinsert(row);
        }
    }

    @Test
    void verifyNamesReorderedEntries() {
        long first = append("tamper-order-1");
        long second = append("tamper-order-2");
        try {
            swap(first, second);

            AuditVerification result = audit.verify("auditor");

            assertThat(result.ok()).isFalse();
            assertThat(result.firstBad().id()).isEqualTo(first);
        } finally {
            swap(first, second);
        }
        assertThat(audit.verify("auditor").ok()).isTrue();
    }

    private long append(String actor) {
        return audit.record(AuditRecord.success(actor, "finance", "test.tamper", "test", actor, Map.of())).id();
    }

    /** Exchanges the numbers of two entries, as someone reordering history would. */
    private void swap(long a, long b) {
        jdbc.update("update audit_log set id = -1 where id = ?", a);
        jdbc.update("update audit_log set id = ? where id = ?", a, b);
        jdbc.update("update audit_log set id = ? where id = -1", b);
    }

    private void reinsert(Map<String, Object> row) {
        jdbc.update("insert into audit_log (id, occurred_at, actor, workspace, action, object_type, object_id, "
                        + "outcome, details, prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("ID"), row.get("OCCURRED_AT"), row.get("ACTOR"), row.get("WORKSPACE"), row.get("ACTION"),
                row.get("OBJECT_TYPE"), row.get("OBJECT_ID"), row.get("OUTCOME"), row.get("DETAILS"),
                row.get("PREV_HASH"), row.get("ENTRY_HASH"));
    }
}
