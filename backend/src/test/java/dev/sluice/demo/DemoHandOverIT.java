package dev.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.engine.DeployedFlow;
import dev.sluice.engine.Engine;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.source.EventIngest;
import dev.sluice.source.SourceCatalog;

/** A new user's first start: central-data owns the source, finance and customer-service each run a flow. */
@SpringBootTest(classes = TestApplication.class, properties = {"sluice.demo.enabled=true", "sluice.demo.flows=true"})
class DemoHandOverIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @Autowired
    FlowDeployments deployments;

    @Autowired
    Engine engine;

    @Autowired
    SourceCatalog sources;

    @Autowired
    EventIngest ingest;

    @Test
    void deploysTheFinanceAndCustomerServiceSampleFlowsWhichThenProcessEvents() throws Exception {
        List<DeployedFlow> deployed = deployments.deployed();

        assertThat(sources.find("user-center.users").orElseThrow().getOwner().getName()).isEqualTo("central-data");
        assertThat(deployed).extracting(d -> d.flow().workspace() + "/" + d.flow().name())
                .containsExactlyInAnyOrder("finance/finance-payment-sync", "customer-service/customer-service-contacts");
        DeployedFlow finance = deployed.stream().filter(d -> d.flow().workspace().equals("finance")).findFirst().orElseThrow();
        await(() -> engine.isRunning(finance.flowId()));

        ingest.publish("user-center.users", List.of((ObjectNode) FlowJson.parse("""
                {"specversion": "1.0", "id": "demo-1", "source": "/user-center/users", "type": "user.payment.updated",
                 "datacontenttype": "application/json",
                 "data": {"userId": "U1", "payment": {"bankAccount": "6222975432319487574", "currency": "CNY"}}}""")));

        await(() -> engine.status(finance.flowId()).orElseThrow().out() == 1);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(100);
        }
    }
}
