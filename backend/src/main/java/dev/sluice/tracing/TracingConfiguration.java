package dev.sluice.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EventTracing} on the tracer Spring Boot configured once an OTLP endpoint is set; {@link EventTracing#OFF}
 * without one. Boot keeps a tracer for its own HTTP spans and log correlation either way, but events are neither
 * stamped nor given spans that nothing would export.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                              @Value("${" + TracingSwitch.ENDPOINT + ":}") String endpoint,
                              @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        Tracer configured = tracer.getIfAvailable(() -> Tracer.NOOP);
        if (configured == Tracer.NOOP || endpoint.isBlank()) {
            return EventTracing.OFF;
        }
        log.info("Traces go to {} over OTLP, {}% of events sampled", endpoint, probability * 100);
        return new EventTracing(configured, propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
