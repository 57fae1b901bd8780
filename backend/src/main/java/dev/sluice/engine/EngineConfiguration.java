package dev.sluice.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.pipeline.NodeRegistry;

/** The engine runs where {@code SLUICE_ROLES} includes {@code engine} (the default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
@ConditionalOnExpression("'${sluice.roles:designer,engine}'.contains('engine')")
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(BrokerConnection broker, NodeRegistry registry, EngineProperties properties, MeterRegistry meters,
                  ObjectProvider<WorkspaceSecrets> secrets, ObjectProvider<DeploymentSource> deployments) {
        return new Engine(broker, registry, properties, meters,
                secrets.getIfAvailable(() -> workspace -> name -> Optional.empty()),
                (flowId, reason) -> deployments.ifAvailable(source -> source.pauseFailing(flowId, reason)));
    }

    @Bean
    EngineReconciler engineReconciler(Engine engine, ObjectProvider<DeploymentSource> deployments) {
        return new EngineReconciler(engine, deployments);
    }

    /** Polls the deployed flows every few seconds, so every instance follows deploys made on any other. */
    static final class EngineReconciler implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(EngineReconciler.class);

        private final Engine engine;
        private final ObjectProvider<DeploymentSource> deployments;
        private ScheduledExecutorService timer;

        EngineReconciler(Engine engine, ObjectProvider<DeploymentSource> deployments) {
            this.engine = engine;
            this.deployments = deployments;
        }

        @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
        void onDeploymentsChanged(DeploymentsChanged change) {
            reconcileNow();
            if (change.deleteQueue()) {
                engine.deleteQueues(change.flowId());
            }
        }

        /** Reconciles now, e.g. right after a deploy on this instance. */
        void reconcileNow() {
            DeploymentSource source = deployments.getIfAvailable();
            if (source == null) {
                return;
            }
            try {
                List<DeployedFlow> deployed = source.deployed();
                engine.reconcile(deployed);
            } catch (RuntimeException e) {
                log.warn("Could not read the deployed flows; keeping what runs: {}", e.getMessage());
            }
        }

        @Override
        public void start() {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sluice-reconcile").daemon().factory());
            timer.scheduleWithFixedDelay(this::reconcileNow, 0, 5, TimeUnit.SECONDS);
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
}
