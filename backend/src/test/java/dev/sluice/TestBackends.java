package dev.sluice;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.sluice.platform.FreePort;

/**
 * The two backend pairs integration tests run on: the embedded default (H2 + in-process broker) and the
 * real PostgreSQL + RabbitMQ named by {@code SLUICE_IT_DATASOURCE_URL} and {@code SLUICE_IT_AMQP_URI}.
 */
public final class TestBackends {

    /** Set when CI names real services; a test class for them is enabled by this variable. */
    public static final String EXTERNAL = "SLUICE_IT_DATASOURCE_URL";

    private TestBackends() {
    }

    public static void embedded(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("sluice.data-dir", dataDir::toString);
        registry.add("sluice.amqp.embedded.port", FreePort::find);
    }

    /** Each test class migrates its own schema, so runs never see each other's data. */
    public static void external(DynamicPropertyRegistry registry) {
        String schema = "sluice_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getenv(EXTERNAL);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username",
                () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"));
        registry.add("spring.datasource.password",
                () -> System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("sluice.amqp.uri", () -> required("SLUICE_IT_AMQP_URI"));
        // flow ids restart at 1 in every schema, so queue names must differ per test class, or classes sharing the
        // broker would consume, and at the end delete, each other's queues
        registry.add("sluice.engine.queue-prefix", () -> "it-" + schema.substring("sluice_it_".length(), 18));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " must be set together with " + EXTERNAL);
        }
        return value;
    }
}
