package dev.sluice.flowstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every deployed or paused flow as {@code sluice_flow_paused{flow,flowId}}: 1 while it is paused (by a person, or by
 * the engine because it kept failing), 0 while it runs. Read from the database every
 * {@code sluice.metrics.flow-state-every} (30 s), so every instance reports every flow, wherever it was paused.
 */
@Component
class FlowStateMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlowStateMetrics.class);

    private final StoredFlowRepository flows;
    private final TransactionTemplate reading;
    private final MultiGauge paused;
    private final Duration every;
    private ScheduledExecutorService timer;

    FlowStateMetrics(StoredFlowRepository flows, PlatformTransactionManager transactions, MeterRegistry meters,
                     @Value("${sluice.metrics.flow-state-every:30s}") Duration every) {
        this.flows = flows;
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
        this.paused = MultiGauge.builder("sluice.flow.paused")
                .description("1 while a deployed flow is paused, 0 while it runs")
                .register(meters);
        this.every = every;
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
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sluice-flow-states").daemon()
                .factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Could not read the flows' states for the metrics: {}", e.getMessage());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
