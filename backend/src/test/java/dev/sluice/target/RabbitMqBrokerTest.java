package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

class RabbitMqBrokerTest {

    private final TargetContext context = new TargetContext(null, null,
            name -> Optional.ofNullable(Map.of("ledger-mq", "s3cret".getBytes(StandardCharsets.UTF_8)).get(name)),
            "finance", WorkspaceReach.none());

    private static Endpoint broker(String uri, String username, SecretRef password) {
        return new Endpoint("ledger-mq", Endpoint.Kind.RABBITMQ, uri, username, password, null);
    }

    @Test
    void connectsToTheExternalBrokerAsItsUserWithThePasswordFromTheWorkspaceSecret() throws Exception {
        ConnectionFactory factory = RabbitMqTarget.connectionFactory(broker("amqps://rabbit.internal:5671/finance",
                "ledger", new SecretRef("ledger-mq")), context);

        assertThat(factory.getHost()).isEqualTo("rabbit.internal");
        assertThat(factory.getPort()).isEqualTo(5671);
        assertThat(factory.getVirtualHost()).isEqualTo("finance");
        assertThat(factory.getUsername()).isEqualTo("ledger");
        assertThat(factory.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void keepsTheClientDefaultsWithoutCredentialsAndRefusesASecretTheWorkspaceLacks() throws Exception {
        ConnectionFactory factory = RabbitMqTarget.connectionFactory(broker("amqp://rabbit:5672/%2F", null, null),
                context);
        assertThat(factory.getUsername()).isEqualTo("guest");

        assertThatThrownBy(() -> RabbitMqTarget.connectionFactory(broker("amqp://rabbit:5672/%2F", "u",
                new SecretRef("missing")), context)).hasMessageContaining("the secret 'missing' used for the broker password");
    }
}
