package dev.sluice.secret;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestBackends;

/** On PostgreSQL the master key comes from configuration ({@code SLUICE_MASTER_KEY}). */
@EnabledIfEnvironmentVariable(named = TestBackends.EXTERNAL, matches = ".+")
class ExternalSecretsIT extends SecretsContractIT {

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        TestBackends.external(registry);
        registry.add("sluice.master-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }
}
