package dev.sluice.platform;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

/**
 * PostgreSQL and RabbitMQ, when {@code SLUICE_IT_DATASOURCE_URL} and {@code SLUICE_IT_AMQP_URI} name them
 * ({@code .ci/run} does). Unset, this class is skipped; set but unreachable, it fails.
 */
@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalServicesPlatformIT extends PlatformContractIT {

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
    }
}
