package dev.sluice.engine;

import java.util.List;

import com.rabbitmq.client.Channel;

import dev.sluice.broker.BrokerConnection;

/** Deletes what engine tests declared on RabbitMQ, whose quorum queues would otherwise outlive the run. */
final class TestQueues {

    /** More levels than any test configures; deleting a queue that does not exist is fine on RabbitMQ. */
    private static final int RETRY_LEVELS = 8;

    private TestQueues() {
    }

    /** Flow ids in (after, upTo], plus the named queues. Nothing to do on the embedded broker, which dies with the test. */
    static void delete(BrokerConnection broker, Topology topology, long after, long upTo, List<String> queues)
            throws Exception {
        if (broker.isEmbedded()) {
            return;
        }
        for (long flowId = after + 1; flowId <= upTo; flowId++) {
            topology.delete(broker, flowId, RETRY_LEVELS);
        }
        try (Channel channel = broker.openChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        }
    }
}
