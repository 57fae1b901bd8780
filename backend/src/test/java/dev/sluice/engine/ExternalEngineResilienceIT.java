package dev.sluice.engine;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;
import dev.sluice.flow.Flow;

@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalEngineResilienceIT extends EngineResilienceContractIT {

    private static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
    }

    @Test
    void declaresQuorumRetryAndDeadLetterQueues() throws Exception {
        Engine engine = engine(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
        DeployedFlow flow = deploy(engine, flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]"), false);

        assertThat(isQuorum(topology.retryQueue(flow.flowId(), 0))).isTrue();
        assertThat(isQuorum(topology.retryQueue(flow.flowId(), 1))).isTrue();
        assertThat(isQuorum(topology.deadLetterQueue(flow.flowId()))).isTrue();
    }

    @Test
    void keepsClassicQueuesOfAnEarlierDeployWhileTheyHoldEventsAndReplacesThemOnceEmpty() throws Exception {
        long flowId = flowIds.incrementAndGet();
        String emptyRetry = topology.retryQueue(flowId, 0);
        String dead = topology.deadLetterQueue(flowId);
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclare(emptyRetry, true, false, false, null);
            channel.queueDeclare(dead, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", dead, persistent().builder().headers(Map.of(Headers.REASON, "retries-exhausted",
                    Headers.NODE, "hook", Headers.ATTEMPT, 3)).build(), event("dead-before-the-upgrade"));
            channel.waitForConfirmsOrDie(5_000);
        }
        Flow definition = flow(httpTarget(), "[{\"from\": \"in\", \"to\": \"hook\"}]");
        Engine first = engine(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
        alwaysFail.set(true);

        first.reconcile(List.of(new DeployedFlow(flowId, 1, definition, false)));

        assertThat(first.isRunning(flowId)).as(String.valueOf(first.failures())).isTrue();
        assertThat(isQuorum(emptyRetry)).as("the empty classic retry queue was replaced").isTrue();
        assertThat(isQuorum(dead)).as("the dead-letter queue holding an event stays classic").isFalse();
        List<String> ids = publishMany(5, "q");
        await(() -> count(dead) == 6, Duration.ofSeconds(30), "new failures dead-lettered beside the old one");

        alwaysFail.set(false);
        assertThat(first.deadLetters().replay(flowId, null, List.of())).isEqualTo(6);
        await(() -> httpReceived.size() == 6, Duration.ofSeconds(20), "replayed events delivered");
        assertThat(httpReceived).containsAll(ids).contains("dead-before-the-upgrade");
        first.close();
        engines.remove(first);
        Engine second = engine(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
        second.reconcile(List.of(new DeployedFlow(flowId, 1, definition, false)));

        assertThat(second.isRunning(flowId)).isTrue();
        assertThat(isQuorum(dead)).as("the emptied dead-letter queue is replaced at the next start").isTrue();
    }

    /** Redeclaring with the quorum type succeeds only for a quorum queue; a classic one refuses it. */
    private boolean isQuorum(String queue) throws Exception {
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclare(queue, true, false, false, QUORUM);
            return true;
        } catch (IOException e) {
            if (String.valueOf(e.getCause()).contains("PRECONDITION_FAILED")) {
                return false;
            }
            throw e;
        }
    }
}
