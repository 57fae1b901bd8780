package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.TestBackends;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.broker.RabbitMqCluster;
import dev.sluice.broker.RabbitMqNode;
import dev.sluice.broker.TestBrokers;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

/**
 * The broker restarted mid-load: the embedded one, stopped and started in-process on the same store, a RabbitMQ
 * node of the test's own (the machine's RabbitMQ is shared, so it is not the one restarted), and the node leading the
 * flow's quorum queue on a three-node cluster of the test's own, killed and started again. Each time the engine
 * reconnects by itself and no event is lost.
 */
class EngineBrokerRestartIT {

    private static final Pattern ID = Pattern.compile("\"id\":\"(r-[^\"]+)\"");

    @TempDir
    Path workDir;

    @Test
    void losesNoEventWhenTheEmbeddedBrokerRestartsMidLoadAndReconnectsByItself() throws Exception {
        try (TestBrokers.Restartable broker = TestBrokers.restartableEmbedded(workDir)) {
            losesNoEventAcross(broker.connection(), 1_000, flowQueue -> broker.restart(Duration.ofSeconds(2)));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
    void losesNoEventWhenRabbitMqRestartsMidLoadAndReconnectsByItself() throws Exception {
        assertThat(System.getenv("SLUICE_IT_RABBITMQ_SERVER"))
                .as("SLUICE_IT_RABBITMQ_SERVER (the rabbitmq-server script), set together with " + TestBackends.EXTERNAL)
                .isNotBlank();
        try (TestBrokers.Restartable broker = TestBrokers.privateRabbitMq(workDir)) {
            losesNoEventAcross(broker.connection(), 5_000, flowQueue -> broker.restart(Duration.ofSeconds(2)));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
    void losesNoEventWhenTheNodeLeadingTheFlowQueueIsKilledOnAThreeNodeClusterAndReconnectsToTheOthers()
            throws Exception {
        assertThat(System.getenv("SLUICE_IT_RABBITMQ_SERVER"))
                .as("SLUICE_IT_RABBITMQ_SERVER (the rabbitmq-server script), set together with " + TestBackends.EXTERNAL)
                .isNotBlank();
        try (RabbitMqCluster cluster = RabbitMqCluster.start(Path.of(System.getenv(RabbitMqNode.SERVER)), workDir, 3);
             TestBrokers.Connected broker = TestBrokers.rabbitMq(cluster.amqpUris())) {
            losesNoEventAcross(broker.connection(), 5_000, flowQueue -> {
                RabbitMqNode leader = cluster.leaderOf(flowQueue, cluster.nodes().getFirst());
                leader.kill();
                RabbitMqNode newLeader = cluster.awaitNewLeader(flowQueue, leader, Duration.ofSeconds(60));
                assertThat(newLeader).isNotSameAs(leader);
                Thread.sleep(5_000);
                leader.start();
            });
        }
    }

    /** What befalls the broker mid-load, given the name of the flow's queue. */
    private interface Failure {
        void strike(String flowQueue) throws Exception;
    }

    private void losesNoEventAcross(BrokerConnection connection, int total, Failure failure) throws Exception {
        String source = "it.source." + UUID.randomUUID();
        String out = "ws.finance.it-out-" + UUID.randomUUID();
        String received = "it.received." + UUID.randomUUID();
        try (Channel channel = connection.openChannel()) {
            channel.exchangeDeclare(out, "topic", true);
            // on RabbitMQ a quorum queue, like the flow's, so that it outlives any one node of a cluster
            channel.queueDeclare(received, true, false, false,
                    connection.isEmbedded() ? null : Map.of("x-queue-type", "quorum"));
            channel.queueBind(received, out, "#");
        }
        try (Engine engine = new Engine(connection, NodeRegistry.builtIn(), new EngineProperties(50, 2,
                List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5)), Duration.ofSeconds(5), "it-restart"),
                new SimpleMeterRegistry(), workspace -> name -> Optional.empty(), (flowId, reason) -> { },
                PrivacyWatch.NONE, dev.sluice.LoopbackReach.INSTANCE)) {
            DeployedFlow flow = new DeployedFlow(42, 1, new FlowValidator(NodeRegistry.builtIn()).read("""
                    {"schemaVersion": 1, "name": "restart-it", "workspace": "finance",
                     "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": ["user.created"]}},
                               {"id": "out", "kind": "target.rabbitmq", "config": {"exchange": "%s", "routingKey": "k"}}],
                     "edges": [{"from": "in", "to": "out"}]}""".formatted(source, out),
                    ValidationContext.standalone("finance")), false);
            engine.reconcile(List.of(flow));

            AtomicInteger confirmed = new AtomicInteger();
            Thread publisher = Thread.ofPlatform().start(() -> publishAll(connection, source, total, confirmed));
            Instant halfway = Instant.now().plusSeconds(60);
            while (confirmed.get() < total / 2 && Instant.now().isBefore(halfway)) {
                Thread.sleep(10);
            }
            failure.strike("it-restart.flow.42");
            publisher.join(Duration.ofMinutes(2).toMillis());
            assertThat(publisher.isAlive()).as("the publisher got every event confirmed").isFalse();

            Set<String> ids = new HashSet<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (ids.size() < total && Instant.now().isBefore(deadline)) {
                ids.addAll(take(connection, received));
                Thread.sleep(200);
            }
            String flowQueue;
            try (Channel channel = connection.openChannel()) {
                var state = channel.queueDeclarePassive("it-restart.flow.42");
                flowQueue = state.getMessageCount() + " waiting, " + state.getConsumerCount() + " consumers";
            }
            assertThat(ids).as("distinct events at the target (flow queue: " + flowQueue + ")").hasSize(total);
            assertThat(engine.isRunning(flow.flowId())).isTrue();
        }
    }

    /** Publishes batches of 50, each again until the broker confirms it. */
    private static void publishAll(BrokerConnection connection, String source, int total, AtomicInteger confirmed) {
        for (int batch = 0; batch < total / 50; batch++) {
            while (true) {
                try (Channel channel = connection.openChannel()) {
                    channel.confirmSelect();
                    for (int i = 0; i < 50; i++) {
                        channel.basicPublish(source, "user.created", false,
                                new AMQP.BasicProperties.Builder().deliveryMode(2).build(), """
                                {"specversion":"1.0","id":"r-%d","source":"/u","type":"user.created","data":{}}"""
                                        .formatted(batch * 50 + i).getBytes(StandardCharsets.UTF_8));
                    }
                    channel.waitForConfirmsOrDie(5_000);
                    confirmed.addAndGet(50);
                    break;
                } catch (Exception brokerAway) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static List<String> take(BrokerConnection connection, String queue) {
        List<String> ids = new ArrayList<>();
        try (Channel channel = connection.openChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                Matcher id = ID.matcher(new String(message.getBody(), StandardCharsets.UTF_8));
                if (id.find()) {
                    ids.add(id.group(1));
                }
            }
        } catch (Exception brokerAway) {
            // try again on the next round
        }
        return ids;
    }
}
