package dev.sluice.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.platform.FreePort;

class BrokerReconnectIT {

    @TempDir
    Path workDir;

    @Test
    void reconnectsWhenTheBrokerGoesAwayAndComesBackAndKeepsPersistentMessages() throws Exception {
        AmqpProperties.Embedded settings = new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice");
        String password = EmbeddedBroker.newPassword();
        EmbeddedBroker broker = EmbeddedBroker.start(settings, password, workDir);
        try (BrokerConnection connection = BrokerConnection.connect(broker.uri(), true)) {
            try (Channel channel = connection.openChannel()) {
                channel.queueDeclare("kept", true, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "kept", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "survives".getBytes());
                channel.waitForConfirmsOrDie(5_000);
            }

            broker.close();
            awaitTrue(() -> !connection.isOpen(), "the connection notices the broker is gone");
            broker = EmbeddedBroker.start(settings, password, workDir);
            awaitTrue(connection::isOpen, "the connection recovers once the broker is back");

            try (Channel channel = connection.openChannel()) {
                GetResponse kept = channel.basicGet("kept", true);
                assertThat(kept).as("a persistent message on a durable queue survives the broker restart").isNotNull();
                assertThat(new String(kept.getBody())).isEqualTo("survives");
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void consumersTakeEventsOnAConnectionOfTheirOwnSoABusyOrBlockedPublisherDoesNotHoldTheirAcks() throws Exception {
        AmqpProperties.Embedded settings = new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice");
        EmbeddedBroker broker = EmbeddedBroker.start(settings, EmbeddedBroker.newPassword(), workDir);
        try (BrokerConnection connection = BrokerConnection.connect(broker.uri(), true);
             Channel publishing = connection.openChannel();
             Channel consuming = connection.openConsumingChannel()) {
            assertThat(consuming.getConnection()).isNotSameAs(publishing.getConnection());
            assertThat(consuming.getConnection().getClientProvidedName()).isEqualTo("sluice-consume");
            assertThat(publishing.getConnection().getClientProvidedName()).isEqualTo("sluice");
        } finally {
            broker.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
