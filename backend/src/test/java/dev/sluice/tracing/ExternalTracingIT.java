package dev.sluice.tracing;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalTracingIT extends TracingContractIT {

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
    }
}
