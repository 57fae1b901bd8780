package dev.sluice.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the broker is. An empty {@code uri} means: start the embedded broker and connect to it.
 *
 * @param uri      RabbitMQ URI ({@code amqp://user:pass@host:5672/vhost}), or a cluster's node URIs separated by
 *                 commas; empty for the embedded broker
 * @param embedded settings of the embedded broker
 */
@ConfigurationProperties("sluice.amqp")
public record AmqpProperties(String uri, @DefaultValue Embedded embedded) {

    public boolean isEmbedded() {
        return uri == null || uri.isBlank();
    }

    /**
     * The password is not a setting: each data directory generates its own ({@code keys/broker.password}), so no
     * two installations on a machine can use each other's broker.
     *
     * @param port        AMQP port; 5673 by default so it never collides with a local RabbitMQ on 5672
     * @param bindAddress interface to listen on; loopback by default
     * @param username    the one user of the embedded broker
     */
    public record Embedded(@DefaultValue("5673") int port,
                           @DefaultValue("127.0.0.1") String bindAddress,
                           @DefaultValue("sluice") String username) {
    }
}
