package dev.sluice.tracing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Exporting traces is off until an OTLP endpoint is set ({@code SLUICE_TRACING_OTLP_ENDPOINT}), so Spring Boot sets
 * up no exporter with nowhere to send to ({@link TracingConfiguration} keeps events untraced then). Added last, so an
 * explicit {@code management.tracing.export.enabled} wins; computed on each read, so an endpoint set late (by a test)
 * counts.
 */
public class TracingSwitch implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final String ENABLED = "management.tracing.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // the source object must not be the environment itself: Boot would then iterate it recursively
        environment.getPropertySources().addLast(new PropertySource<>("sluiceTracingSwitch", new Object()) {
            @Override
            public Object getProperty(String name) {
                return ENABLED.equals(name) ? Boolean.toString(!environment.getProperty(ENDPOINT, "").isBlank()) : null;
            }
        });
    }
}
