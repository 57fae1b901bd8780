package dev.sluice.api;

import java.util.UUID;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The flow API on PostgreSQL and RabbitMQ, when {@code SLUICE_IT_DATASOURCE_URL} and {@code SLUICE_IT_AMQP_URI}
 * name them; skipped otherwise. Each run migrates its own schema. Demo users are seeded because the test
 * turns {@code sluice.demo.enabled} on explicitly.
 */
@EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
class FlowApiExternalServicesIT extends FlowApiContractIT {

    private static final String SCHEMA = "sluice_flow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        String url = System.getenv("SLUICE_IT_DATASOURCE_URL");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username",
                () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"));
        registry.add("spring.datasource.password",
                () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("sluice.amqp.uri", () -> {
            String amqp = System.getenv("SLUICE_IT_AMQP_URI");
            if (amqp == null || amqp.isBlank()) {
                throw new IllegalStateException("SLUICE_IT_AMQP_URI must be set together with SLUICE_IT_DATASOURCE_URL");
            }
            return amqp;
        });
    }
}
