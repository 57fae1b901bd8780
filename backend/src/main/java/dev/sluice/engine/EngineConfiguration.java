package dev.sluice.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.platform.PeriodicTask;
import dev.sluice.privacy.PiiFinding;
import dev.sluice.privacy.SampledPiiCheck;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.privacy.UnexpectedPii;
import dev.sluice.region.Regions;
import dev.sluice.target.WorkspaceReach;
import dev.sluice.tracing.EventTracing;

/** The engine runs where {@code SLUICE_ROLES} includes {@code engine} (the default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
@ConditionalOnExpression("'${sluice.roles:designer,engine}'.contains('engine')")
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(BrokerConnection broker, NodeRegistry registry, EngineProperties properties, MeterRegistry meters,
                  ObjectProvider<WorkspaceSecrets> secrets, ObjectProvider<DeploymentSource> deployments,
                  ObjectProvider<SourcePrivacy> privacy, ObjectProvider<WorkspaceReach> reach,
                  ObjectProvider<EventTracing> tracing, ApplicationEventPublisher events,
                  @Value("${sluice.privacy.sample-rate:0.01}") double sampleRate) {
        return new Engine(broker, registry, properties, meters,
                secrets.getIfAvailable(() -> workspace -> name -> Optional.empty()),
                (flowId, reason) -> deployments.ifAvailable(source -> source.pauseFailing(flowId, reason)),
                privacyWatch(privacy.getIfAvailable(), events, sampleRate), reach.getIfAvailable(WorkspaceReach::none),
                tracing.getIfAvailable(() -> EventTracing.OFF));
    }

    /** Scans with the tags of each flow's source; alerts go out as {@link UnexpectedPii} events. */
    private static PrivacyWatch privacyWatch(SourcePrivacy privacy, ApplicationEventPublisher events,
                                             double sampleRate) {
        if (privacy == null || sampleRate <= 0) {
            return PrivacyWatch.NONE;
        }
        if (sampleRate > 1) {
            throw new IllegalArgumentException("sluice.privacy.sample-rate is a share of events from 0 to 1 (0.01 "
                    + "scans one in a hundred), not " + sampleRate);
        }
        return new PrivacyWatch() {
            @Override
            public SampledPiiCheck checkFor(DeployedFlow flow) {
                String source = SourcePrivacy.sourceOf(flow.flow()).orElse("");
                return SampledPiiCheck.of(flow.flow(), privacy.tags(source), sampleRate);
            }

            @Override
            public void unexpected(DeployedFlow flow, String target, String eventId, List<PiiFinding> findings) {
                events.publishEvent(new UnexpectedPii(flow.flowId(), flow.flow().workspace(), flow.flow().name(),
                        flow.version(), target, eventId, findings));
            }
        };
    }

    @Bean
    EngineReconciler engineReconciler(Engine engine, ObjectProvider<DeploymentSource> deployments,
                                      ObjectProvider<KeptEvents> kept, Regions regions) {
        return new EngineReconciler(engine, deployments, kept, regions.here());
    }

    /**
     * Polls the deployed flows every few seconds, so every instance follows deploys made on any other; runs those of
     * its own region.
     */
    static final class EngineReconciler extends PeriodicTask {

        private static final Logger log = LoggerFactory.getLogger(EngineReconciler.class);

        private final Engine engine;
        private final ObjectProvider<DeploymentSource> deployments;
        private final ObjectProvider<KeptEvents> kept;
        private final String region;

        EngineReconciler(Engine engine, ObjectProvider<DeploymentSource> deployments, ObjectProvider<KeptEvents> kept,
                         String region) {
            super("sluice-reconcile", "reconcile the deployed flows", Duration.ZERO, Duration.ofSeconds(5));
            this.region = region;
            this.engine = engine;
            this.deployments = deployments;
            this.kept = kept;
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
            engine.bootstrapLedger(source);
            KeptEvents store = kept.getIfAvailable();
            if (store != null) {
                try {
                    engine.keepLatest(store, store.sources());
                    store.tidy();
                } catch (RuntimeException e) {
                    log.warn("Could not read the sources to keep the latest events of: {}", e.getMessage());
                }
            }
            try {
                engine.reconcile(source.deployed().stream().filter(flow -> flow.runsIn(region)).toList());
            } catch (RuntimeException e) {
                log.warn("Could not read the deployed flows; keeping what runs: {}", e.getMessage());
            }
        }

        @Override
        protected void runOnce() {
            reconcileNow();
        }
    }
}
