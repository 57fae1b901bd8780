package dev.sluice.target;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** {@code target.log}: writes each event to the log, which is the one place a steward asked for that. */
final class LogDelivery implements Delivery {

    private static final Logger log = LoggerFactory.getLogger("sluice.target.log");

    private final String label;

    LogDelivery(LogTarget.Config config) {
        this.label = config.label() == null ? "target.log" : config.label();
    }

    @Override
    public CompletableFuture<Void> deliver(ObjectNode event, String outputId) {
        log.info("{} [{}] {}", label, outputId, event);
        return CompletableFuture.completedFuture(null);
    }
}
