package dev.sluice.audit;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Migration 3.1: on PostgreSQL, triggers that refuse UPDATE, DELETE and TRUNCATE of {@code audit_log}, so the
 * database user the app runs as cannot rewrite history. A Java migration because the trigger body is PL/pgSQL,
 * which H2 cannot parse, and an SQL file under {@code db/migrations} runs on both; on H2 it does nothing (the
 * hash chain still reveals tampering there). Spring Boot hands Flyway every {@code JavaMigration} bean.
 */
@Component
class V3_1__Audit_log_append_only extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            sql.execute("""
                    create function audit_log_refuse_change() returns trigger language plpgsql as $$
                    begin
                        raise exception 'audit_log is append-only: % refused', tg_op
                            using errcode = 'insufficient_privilege';
                    end
                    $$""");
            sql.execute("create trigger audit_log_no_update_or_delete before update or delete on audit_log "
                    + "for each row execute function audit_log_refuse_change()");
            sql.execute("create trigger audit_log_no_truncate before truncate on audit_log "
                    + "for each statement execute function audit_log_refuse_change()");
        }
    }
}
