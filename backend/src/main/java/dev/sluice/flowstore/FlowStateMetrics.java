package dev.sluice.flowstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sluice.platform.PeriodicTask;

/**
 * Every deployed or paused flow as {@code sluice_flow_paused{flow,flowId}}: 1 while it is paused (by a person, or by
 * the engine because it kept failing), 0 while it runs. Read from the database every
 * {@code sluice.metrics.flow-state-every} (30 s), so every instance reports every flow, wherever it was paused.
 */
@Component
class FlowStateMetrics extends PeriodicTask {

    private final StoredFlowRepository flows;
    private final TransactionTemplate reading;
    private final MultiGauge paused;

    FlowStateMetrics(StoredFlowRepository flows, PlatformTransactionManager transactions, MeterRegistry meters,
                     @Value("${sluice.metrics.flow-state-every:30s}") Duration every) {
        super("sluice-flow-states", "read the flows' states for the metrics", Duration.ZERO, every);
        this.flows = flows;
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
        this.paused = MultiGauge.builder("sluice.flow.paused")
                .description("1 while a deployed flow is paused, 0 while it runs")
                .register(meters);
    }

    /** Reads the deployed and paused flows and publishes their states. */
    void refresh() {
        List<MultiGauge.Row<?>> rows = reading.execute(status -> {
            List<MultiGauge.Row<?>> states = new ArrayList<>();
            for (FlowState state : List.of(FlowState.DEPLOYED, FlowState.PAUSED)) {
                for (StoredFlow flow : flows.findByState(state)) {
                    states.add(MultiGauge.Row.of(Tags.of("flow", flow.getWorkspace().getName() + "/" + flow.getName(),
                            "flowId", Long.toString(flow.getId())), state == FlowState.PAUSED ? 1 : 0));
                }
            }
            return states;
        });
        paused.register(rows, true);
    }

    @Override
    protected void runOnce() {
        refresh();
    }
}
