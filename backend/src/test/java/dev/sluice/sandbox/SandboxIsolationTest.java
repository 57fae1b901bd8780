package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;

/**
 * A flow whose script is attacked (endless loops, recursion, memory growth, blocking, huge output, prototype
 * pollution) runs on one thread while a well-behaved flow runs on another, both on the shared sandbox as the engine
 * runs them. While each attack is in flight the calm flow keeps finishing events, each one right: nothing in the
 * sandbox (a shared lock, a stuck engine, a leaked context or global) makes it wait for, or see, the attacked flow.
 *
 * <p>How much throughput the calm flow keeps beside an attack is a figure, not a pass/fail bound on a shared machine:
 * {@code dev.sluice.bench.SandboxIsolationBenchmark} prints it ({@code ./mvnw -q -pl backend -Pbench verify}).
 */
class SandboxIsolationTest {

    /** An attack in flight at least this long would hold a calm event back visibly if the two were serialized. */
    private static final long LONG_ATTACK_NANOS = 200_000_000L;

    @Test
    void aCalmFlowKeepsFinishingCorrectEventsWhileEachAttackOnItsNeighbourIsInFlight() throws Exception {
        Pipeline calm = AttackedFlows.pipeline("calm", AttackedFlows.CALM);
        JsonNode event = FlowJson.parse(AttackedFlows.EVENT);
        for (int i = 0; i < 200; i++) {
            assertMasked(calm.run(event.deepCopy()).get("out"));
        }

        int contained = 0;
        int longAttacks = 0;
        for (String attack : AttackedFlows.ATTACKS) {
            Pipeline attacked = AttackedFlows.pipeline("attacked", attack);
            AttackRun run = new AttackRun(attacked, event);
            Thread attacker = Thread.ofPlatform().name("attacker").start(run);
            List<Long> finished = new ArrayList<>();
            while (attacker.isAlive()) {
                assertMasked(calm.run(event.deepCopy()).get("out"));
                finished.add(System.nanoTime());
            }
            attacker.join();
            contained += run.failed ? 1 : 0;
            if (run.end - run.start >= LONG_ATTACK_NANOS) {
                longAttacks++;
                long duringTheAttack = finished.stream().filter(t -> t > run.start && t < run.end).count();
                assertThat(duringTheAttack)
                        .as("calm events finished while `%s` ran for %d ms", attack, (run.end - run.start) / 1_000_000)
                        .isPositive();
            }
        }
        assertThat(contained).as("attacks that failed their own event").isEqualTo(AttackedFlows.ATTACKS.size());
        assertThat(longAttacks).as("attacks that ran long enough to show a calm flow held back").isPositive();
        assertMasked(calm.run(event.deepCopy()).get("out"));
    }

    private static void assertMasked(List<ObjectNode> out) {
        assertThat(out).hasSize(1);
        JsonNode data = out.getFirst().get("data");
        String account = AttackedFlows.ACCOUNT;
        assertThat(data.at("/payment/bankAccount").asText())
                .isEqualTo("*".repeat(account.length() - 4) + account.substring(account.length() - 4));
        assertThat(data.has("blob")).isFalse();
        assertThat(data.has("polluted")).isFalse();
        assertThat(out.getFirst().has("polluted")).isFalse();
    }

    private static final class AttackRun implements Runnable {
        private final Pipeline attacked;
        private final JsonNode event;
        // read only after the attacker thread is joined, which makes its writes visible
        private boolean failed;
        private long start;
        private long end;

        AttackRun(Pipeline attacked, JsonNode event) {
            this.attacked = attacked;
            this.event = event;
        }

        @Override
        public void run() {
            start = System.nanoTime();
            try {
                attacked.run(event.deepCopy());
            } catch (PipelineFailure expected) {
                failed = true;
            } finally {
                end = System.nanoTime();
            }
        }
    }
}
