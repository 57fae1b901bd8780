package dev.sluice.connection;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalConnectionSecurityIT extends ConnectionSecurityContractIT {

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
        registry.add("sluice.master-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }
}
