package dev.sluice.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.platform.FreePort;

/** The embedded broker's message store: which one a data directory gets, and that it keeps events across a restart. */
class EmbeddedBrokerStoreIT {

    @TempDir
    Path workDir;

    private final String password = EmbeddedBroker.newPassword();

    @Test
    void aNewDataDirectoryKeepsEventsInBerkeleyDbAcrossARestart() throws Exception {
        publishThenRestart(null);

        assertThat(workDir.resolve("store-bdb")).isDirectory();
        assertThat(workDir.resolve("store")).doesNotExist();
    }

    @Test
    void aDataDirectoryWithAnEarlierVersionsDerbyStoreKeepsItAndTheEventsInIt() throws Exception {
        publishThenRestart(EmbeddedBroker.Store.DERBY);

        assertThat(workDir.resolve("store")).isDirectory();
        assertThat(workDir.resolve("store-bdb")).doesNotExist();
    }

    /** Publishes a persistent event with the given store (or the default), then reads it after a default start. */
    private void publishThenRestart(EmbeddedBroker.Store first) throws Exception {
        AmqpProperties.Embedded settings = new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice");
        EmbeddedBroker broker = first == null ? EmbeddedBroker.start(settings, password, workDir)
                : EmbeddedBroker.start(settings, password, workDir, first);
        try (BrokerConnection connection = BrokerConnection.connect(broker.uri(), true);
             Channel channel = connection.openChannel()) {
            channel.queueDeclare("it.kept", true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", "it.kept", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    "{\"id\":\"kept-1\"}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        } finally {
            broker.close();
        }

        EmbeddedBroker restarted = EmbeddedBroker.start(settings, password, workDir);
        try (BrokerConnection connection = BrokerConnection.connect(restarted.uri(), true);
             Channel channel = connection.openChannel()) {
            GetResponse kept = channel.basicGet("it.kept", true);
            assertThat(kept).as("the event published before the restart").isNotNull();
            assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).contains("kept-1");
        } finally {
            restarted.close();
        }
    }
}
