package dev.sluice.broker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sluice.platform.DataDirectory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AmqpProperties.class)
class BrokerConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedBrokerHolder embeddedBroker(AmqpProperties properties, DataDirectory dataDirectory) {
        if (!properties.isEmbedded()) {
            return new EmbeddedBrokerHolder(null);
        }
        // per data directory, so no two installations on a machine ever accept each other's connections
        String password = dataDirectory.readOrCreatePrivate("keys", "broker.password",
                () -> EmbeddedBroker.newPassword() + "\n").strip();
        return new EmbeddedBrokerHolder(
                EmbeddedBroker.start(properties.embedded(), password, dataDirectory.resolve("broker")));
    }

    @Bean(destroyMethod = "close")
    BrokerConnection brokerConnection(AmqpProperties properties, EmbeddedBrokerHolder embedded) {
        return embedded.broker() == null
                ? BrokerConnection.connect(properties.uri(), false)
                : BrokerConnection.connect(embedded.broker().uri(), true);
    }

    @Bean
    BrokerHealthIndicator brokerHealthIndicator(ObjectProvider<BrokerConnection> connection) {
        return new BrokerHealthIndicator(connection);
    }

    /** Lets the broker bean exist (or not) while keeping shutdown order: connection first, broker after. */
    record EmbeddedBrokerHolder(EmbeddedBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
