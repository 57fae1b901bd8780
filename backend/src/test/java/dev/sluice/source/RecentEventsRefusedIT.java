package dev.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.sluice.TestBackends;
import dev.sluice.broker.TestBrokers;

/** A broker refusing the recent-events queue costs the preview its recent events, never the source its publishing. */
@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class RecentEventsRefusedIT {

    @Test
    void aRefusedRecentEventsQueueLeavesTheSourceExchangeDeclaredAndReadsFindNoEvents() throws Exception {
        String source = "it.refused." + UUID.randomUUID();
        try (TestBrokers.Connected broker = TestBrokers.rabbitMq(System.getenv("SLUICE_IT_AMQP_URI"))) {
            // RabbitMQ refuses queue names starting with "amq." (ACCESS_REFUSED)
            RecentEvents recent = new RecentEvents(broker.connection(), null, "amq", 20);

            recent.declare(source);

            assertThat(recent.read(source)).isEmpty();
            try (Channel channel = broker.connection().openChannel()) {
                channel.exchangeDeclarePassive(source);
                channel.exchangeDelete(source);
            }
        }
    }
}
