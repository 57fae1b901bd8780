package dev.sluice.broker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code broker} in {@code /actuator/health}: UP while the AMQP connection is open. */
class BrokerHealthIndicator implements HealthIndicator {

    private final ObjectProvider<BrokerConnection> connection;

    BrokerHealthIndicator(ObjectProvider<BrokerConnection> connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        BrokerConnection broker = connection.getIfAvailable();
        if (broker == null) {
            return Health.unknown().build();
        }
        Health.Builder health = broker.isOpen() ? Health.up() : Health.down();
        return health.withDetail("address", broker.address())
                .withDetail("embedded", broker.isEmbedded())
                .withDetail("product", broker.serverProduct())
                .build();
    }
}
