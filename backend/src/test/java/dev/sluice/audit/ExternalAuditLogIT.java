package dev.sluice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

/** The audit log on PostgreSQL and RabbitMQ: the database user the app runs as cannot rewrite entries. */
@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalAuditLogIT extends AuditLogContractIT {

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
    }

    @Test
    void refusesUpdateDeleteAndTruncateOfEntries() {
        long id = audit.record(AuditRecord.success("trigger-test", "finance", "test.trigger", "test", 1, Map.of()))
                .id();

        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'x' where id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select actor from audit_log where id = ?", String.class, id))
                .isEqualTo("trigger-test");
        assertThat(audit.verify("auditor").ok()).isTrue();
    }
}
