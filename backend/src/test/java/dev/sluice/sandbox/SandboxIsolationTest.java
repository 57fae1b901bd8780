package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.pipeline.ValidationContext;

/**
 * A flow whose script is attacked (endless loops, recursion, memory growth, blocking, huge output) runs on one
 * thread while a well-behaved flow runs on another, both on the shared sandbox as the engine runs them. The
 * well-behaved flow keeps at least 90% of the throughput it has alone.
 *
 * <p>Throughput is events per second of the calm thread's own CPU time: on a shared two-core machine, wall-clock
 * windows mostly measure the scheduler (another process, or the attacker itself, taking the core), which no sandbox
 * controls; what the sandbox must not do is make the calm flow's own work slower (shared locks, a stuck engine, a
 * leaked context). Wall-clock counts are printed beside. Each side is measured in several windows, alternating, and
 * the medians are compared: one window spoiled by other work on the machine, or one lucky window, does not decide
 * (comparing the best windows did, once a calm event got cheap enough for a single fast window alone to stand out).
 */
class SandboxIsolationTest {

    private static final String EVENT = ScriptAttackCorpusTest.EVENT;
    private static final long WINDOW_MS = 1_000;
    private static final int ROUNDS = 7;

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<List<Integer>> WALL = ThreadLocal.withInitial(ArrayList::new);

    private static final List<String> ATTACKS = List.of(
            "function process(event) { while (true) {} }",
            "function process(event) { const down = (n) => down(n + 1) + 1; return down(0); }",
            "function process(event) { const hoard = []; for (;;) { hoard.push(new Float64Array(1 << 20)); } }",
            "function process(event) { const until = Date.now() + 60000; while (Date.now() < until) {} }",
            "function process(event) { event.data.blob = 'x'.repeat(10000000); return event; }",
            "function process(event) { return new Proxy(event, {ownKeys() { for (;;) {} }}); }",
            "function process(event) { Object.prototype.polluted = 1; globalThis.x = event; return event; }");

    private static Pipeline pipeline(String name, String code) {
        String json = """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "script", "kind": "script", "config": %s},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "script"}, {"from": "script", "to": "out"}]}"""
                .formatted(name, Json.MAPPER.createObjectNode().put("code", code));
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(json, ValidationContext.standalone("finance"));
        return Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance", name));
    }

    @Test
    void aFlowBesideAnAttackedOneKeepsItsThroughputWithinTenPercent() throws Exception {
        Pipeline calm = pipeline("calm", """
                function process(event) {
                  const account = String(event.data.payment.bankAccount);
                  event.data.payment.bankAccount = '*'.repeat(Math.max(0, account.length - 4)) + account.slice(-4);
                  return event;
                }""");
        List<Pipeline> attacked = new ArrayList<>();
        for (int i = 0; i < ATTACKS.size(); i++) {
            attacked.add(pipeline("attacked-" + i, ATTACKS.get(i)));
        }
        JsonNode event = FlowJson.parse(EVENT);
        // past the JIT's warm-up, so that later windows are not faster for that alone
        window(calm, event, 6 * WINDOW_MS);

        // a noisy shared machine can spoil one measurement; the bound must hold in one of three, never loosened
        for (int attempt = 1; ; attempt++) {
            try {
                measure(calm, attacked, event);
                return;
            } catch (AssertionError spoiled) {
                if (attempt == 3) {
                    throw spoiled;
                }
                System.out.println("measurement " + attempt + " missed the bound, measuring again: " + spoiled.getMessage());
            }
        }
    }

    private static void measure(Pipeline calm, List<Pipeline> attacked, JsonNode event) throws Exception {
        WALL.get().clear();
        List<Integer> alone = new ArrayList<>();
        List<Integer> beside = new ArrayList<>();
        AtomicInteger contained = new AtomicInteger();
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                alone.add(window(calm, event, WINDOW_MS));
            }
            AtomicBoolean attacking = new AtomicBoolean(true);
            Thread attacker = Thread.ofPlatform().name("attacker").start(() -> {
                for (int i = 0; attacking.get(); i++) {
                    try {
                        attacked.get(i % attacked.size()).run(event.deepCopy());
                    } catch (PipelineFailure expected) {
                        contained.incrementAndGet();
                    }
                }
            });
            beside.add(window(calm, event, WINDOW_MS));
            attacking.set(false);
            attacker.join();
            if (round % 2 == 1) {
                alone.add(window(calm, event, WINDOW_MS));
            }
        }

        int typical = median(alone);
        int typicalBeside = median(beside);
        System.out.printf("calm flow, events per CPU-second: alone %s, beside the attacked flow %s; events per %d ms "
                + "window (alone and beside, alternating): %s; %d attacks contained%n", alone, beside, WINDOW_MS,
                WALL.get(), contained.get());
        assertThat(contained.get()).isGreaterThanOrEqualTo(ATTACKS.size() - 1);
        assertThat(typicalBeside).as("median window beside the attack vs alone (%s vs %s)", beside, alone)
                .isGreaterThanOrEqualTo((int) (typical * 0.9));
    }

    private static int median(List<Integer> windows) {
        List<Integer> sorted = windows.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Events per second of the calm thread's own CPU time, over a window of {@code millis} of wall-clock time. */
    private static int window(Pipeline pipeline, JsonNode event, long millis) throws PipelineFailure {
        long end = System.nanoTime() + millis * 1_000_000;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        int events = 0;
        while (System.nanoTime() < end) {
            List<ObjectNode> out = pipeline.run(event.deepCopy()).get("out");
            assertThat(out).hasSize(1);
            events++;
        }
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        WALL.get().add(events);
        return (int) (events * 1_000_000_000L / Math.max(1, cpu));
    }
}
