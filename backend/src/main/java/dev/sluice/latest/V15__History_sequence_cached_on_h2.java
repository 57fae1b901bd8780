package dev.sluice.latest;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Migration 15: on H2, {@code source_history.seq} takes its numbers from a cache of {@value #CACHE}. H2 hands out
 * an identity column's numbers 32 at a time and, at the end of each 32, commits the database file on its own,
 * writing every page the keeper's unfinished batch has changed: a quarter of the embedded default's cost per event
 * went there. H2's cache is one per sequence, so numbers still follow publish order, and after a crash they go on
 * above the last number written. Not on PostgreSQL, whose cache is one per connection (numbers out of order), and
 * where the history is a RabbitMQ stream anyway.
 */
@Component
class V15__History_sequence_cached_on_h2 extends BaseJavaMigration {

    static final int CACHE = 10_000;

    @Override
    public void migrate(Context context) throws Exception {
        if (!"H2".equalsIgnoreCase(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            sql.execute("alter table source_history alter column seq set cache " + CACHE);
        }
    }
}
