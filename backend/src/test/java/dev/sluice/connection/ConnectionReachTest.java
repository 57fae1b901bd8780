package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import dev.sluice.broker.AmqpProperties;
import dev.sluice.target.ConnectionRules;

class ConnectionReachTest {

    @Test
    void reservesEveryNodeOfSluicesOwnRabbitMqClusterAndItsDatabase() {
        var reserved = ConnectionReach.reserved("jdbc:postgresql://db:5432/sluice",
                new AmqpProperties("amqp://u:p@rabbit-1:5672/%2F,amqp://u:p@rabbit-2/%2F,amqps://u:p@rabbit-3/%2F",
                        new AmqpProperties.Embedded(5673, "127.0.0.1", "sluice")));

        assertThat(reserved).extracting(ConnectionRules.Reserved::host, ConnectionRules.Reserved::port)
                .containsExactlyInAnyOrder(tuple("db", 5432),
                        tuple("rabbit-1", 5672),
                        tuple("rabbit-2", 5672),
                        tuple("rabbit-3", 5671));
    }
}
