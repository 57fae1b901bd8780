package dev.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.sandbox.AttackedFlows;

/**
 * How much throughput a calm script flow keeps while another flow's script is attacked on a second thread, both on
 * the shared sandbox (goal: ≥ 90 %). Throughput is events per second of the calm thread's own CPU time: on a shared
 * two-core machine wall-clock windows mostly measure the scheduler, which no sandbox controls. The calm flow is
 * measured in one-second windows, alone and beside the attack alternating, and the medians compared. Run with
 * {@code ./mvnw -q -pl backend -Pbench verify}; a benchmark, not a test: it prints and never fails a build.
 */
public final class SandboxIsolationBenchmark {

    private static final long WINDOW_MS = 1_000;
    private static final int ROUNDS = 9;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SandboxIsolationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Pipeline calm = AttackedFlows.pipeline("calm", AttackedFlows.CALM);
        List<Pipeline> attacked = new ArrayList<>();
        for (int i = 0; i < AttackedFlows.ATTACKS.size(); i++) {
            attacked.add(AttackedFlows.pipeline("attacked-" + i, AttackedFlows.ATTACKS.get(i)));
        }
        JsonNode event = FlowJson.parse(AttackedFlows.EVENT);
        window(calm, event, 6 * WINDOW_MS);

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
        int typicalAlone = median(alone);
        int typicalBeside = median(beside);
        System.out.printf("sandbox isolation: calm flow %,d events per CPU-second alone, %,d beside attacked flows "
                        + "(%d attacks contained); beside/alone %.2f (goal >= 0.90)%n  windows alone %s%n  windows beside %s%n",
                typicalAlone, typicalBeside, contained.get(), (double) typicalBeside / typicalAlone, alone, beside);
    }

    private static int median(List<Integer> windows) {
        List<Integer> sorted = windows.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int window(Pipeline pipeline, JsonNode event, long millis) throws PipelineFailure {
        long end = System.nanoTime() + millis * 1_000_000;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        int events = 0;
        while (System.nanoTime() < end) {
            pipeline.run(event.deepCopy());
            events++;
        }
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        return (int) (events * 1_000_000_000L / Math.max(1, cpu));
    }
}
