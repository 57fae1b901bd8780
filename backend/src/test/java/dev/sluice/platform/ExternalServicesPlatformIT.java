package dev.sluice.platform;

import java.util.UUID;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL and RabbitMQ, when {@code SLUICE_IT_DATASOURCE_URL} and {@code SLUICE_IT_AMQP_URI} name them
 * ({@code .ci/run} does). Unset, this class is skipped; set but unreachable, it fails.
 */
@EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
class ExternalServicesPlatformIT extends PlatformContractIT {

    /** Each run migrates its own schema, so runs never see each other's data. */
    private static final String SCHEMA = "sluice_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        String url = System.getenv("SLUICE_IT_DATASOURCE_URL");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"));
        registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("sluice.amqp.uri", () -> required("SLUICE_IT_AMQP_URI"));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " must be set together with SLUICE_IT_DATASOURCE_URL");
        }
        return value;
    }
}
