package dev.sluice.broker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AmqpProperties.class)
class BrokerConfiguration {

    @Bean
    static EmbeddedBrokerStart embeddedBrokerStart(Environment environment) {
        return new EmbeddedBrokerStart(environment);
    }

    @Bean(destroyMethod = "close")
    EmbeddedBrokerHolder embeddedBroker(EmbeddedBrokerStart start) {
        return new EmbeddedBrokerHolder(start.take());
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
