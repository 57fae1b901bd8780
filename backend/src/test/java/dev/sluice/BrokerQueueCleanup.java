package dev.sluice;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.engine.Engine;
import dev.sluice.source.RecentEvents;

/**
 * When a test context on RabbitMQ closes, deletes the queues of its flows and its sources' recent events. Every quorum queue holds file
 * handles in RabbitMQ, and a test run leaving hundreds of them behind exhausted the broker's 1,024 handles,
 * after which it stopped answering new connections (seen as "RabbitMQ ... is unreachable: TimeoutException").
 */
@Component
class BrokerQueueCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerQueueCleanup.class);

    private final ObjectProvider<Engine> engine;
    private final ObjectProvider<BrokerConnection> broker;
    private final ObjectProvider<RecentEvents> recentEvents;
    private final JdbcTemplate jdbc;
    private volatile boolean running;

    BrokerQueueCleanup(ObjectProvider<Engine> engine, ObjectProvider<BrokerConnection> broker,
                       ObjectProvider<RecentEvents> recentEvents, JdbcTemplate jdbc) {
        this.engine = engine;
        this.broker = broker;
        this.recentEvents = recentEvents;
        this.jdbc = jdbc;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Engine flows = engine.getIfAvailable();
        BrokerConnection connection = broker.getIfAvailable();
        if (connection == null || connection.isEmbedded() || !connection.isOpen()) {
            return;
        }
        deleteRecentEvents(connection);
        if (flows == null) {
            return;
        }
        flows.close();
        List<Long> ids = jdbc.queryForList("select id from flows", Long.class);
        ids.forEach(flows::deleteQueues);
        log.info("Deleted the queues of {} test flow(s) on {}", ids.size(), connection.address());
    }

    private void deleteRecentEvents(BrokerConnection connection) {
        RecentEvents recent = recentEvents.getIfAvailable();
        if (recent == null) {
            return;
        }
        List<String> sources = jdbc.queryForList("select name from event_sources", String.class);
        for (String source : sources) {
            try {
                recent.delete(source);
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("Could not delete the recent events of {} on {}: {}", source, connection.address(),
                        e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the engine's reconciler (default phase) stopped, so nothing redeclares what this deletes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
