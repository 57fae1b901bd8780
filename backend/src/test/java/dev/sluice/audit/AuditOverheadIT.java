package dev.sluice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDiff;
import dev.sluice.flowstore.FlowStore;

/**
 * What auditing adds to a flow save on the embedded default, measured inside the saves: the time the audit
 * listener takes (the entry and its chained append, timed by {@code sluice.audit.flow.save}) plus the diff the
 * save computes for it, against the rest of the save. Prints the figures; fails only when auditing costs more than the save's own
 * work, so a slow CI machine does not turn it red.
 */
@SpringBootTest(classes = TestApplication.class, properties = {"sluice.demo.enabled=true",
        "sluice.demo.password=demo-it", "sluice.roles=designer"})
class AuditOverheadIT {

    private static final int ROUNDS = 300;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @Autowired
    FlowStore flows;

    @Autowired
    MeterRegistry meters;


    @Test
    void auditingAddsLittleToAFlowSave() {
        String name = ApiCalls.unique("overhead");
        String[] versions = {ApiCalls.flow(name, "finance", "user.created"),
                ApiCalls.flow(name, "finance", "user.created").replace("\"label\": \"it\"", "\"label\": \"x\"")};
        long id = flows.importFlow("finance", versions[0], null).id();
        int version = 1;
        for (int i = 0; i < 50; i++) {
            version = flows.save("finance", id, version, versions[i % 2 == 0 ? 1 : 0], null).version();
        }
        Timer auditing = meters.get("sluice.audit.flow.save").timer();
        double auditedBefore = auditing.totalTime(TimeUnit.NANOSECONDS);

        long saving = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            version = flows.save("finance", id, version, versions[i % 2 == 0 ? 1 : 0], null).version();
        }
        double perSave = (System.nanoTime() - saving) / 1e6 / ROUNDS;
        double perAudit = (auditing.totalTime(TimeUnit.NANOSECONDS) - auditedBefore) / 1e6 / ROUNDS;

        // the diff is computed by the save for the audit entry (one read of the previous version, then this)
        long diffing = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            FlowDiff.between(1, FlowJson.bind(FlowJson.parse(versions[0])), 2,
                    FlowJson.bind(FlowJson.parse(versions[1])));
        }
        double perDiff = (System.nanoTime() - diffing) / 1e6 / ROUNDS;
        perAudit += perDiff;
        double overhead = perAudit / (perSave - perAudit);
        System.out.printf("Flow save: %.2f ms, of which auditing: %.2f ms (diff %.2f ms, entry and chained append"
                + " %.2f ms); auditing adds %.0f%% to the save's own work%n", perSave, perAudit, perDiff,
                perAudit - perDiff, overhead * 100);
        assertThat(overhead).isLessThan(1.0);
    }
}
