package dev.sluice.platform;

import java.nio.file.Path;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * What a user who configured no database gets: an H2 file database under the data directory. Added
 * last, so {@code SPRING_DATASOURCE_URL} and every other source win; computed on each read, so a data
 * directory set late (by a test, say) is still honoured.
 */
public class EmbeddedDefaults implements EnvironmentPostProcessor {

    static final String DATA_DIR = "sluice.data-dir";
    private static final String URL = "spring.datasource.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // the source object must not be the environment itself: Boot would then iterate it recursively
        environment.getPropertySources().addLast(new PropertySource<>("sluiceEmbeddedDefaults", new Object()) {
            @Override
            public Object getProperty(String name) {
                return switch (name) {
                    // commits written at once, not up to a second later: the engine acks events whose latest copy
                    // it committed, and a user saw the flow they saved as saved, both to survive a kill -9
                    case URL -> "jdbc:h2:file:" + dataDir(environment).resolve("db").resolve("sluice")
                            + ";WRITE_DELAY=0";
                    case "spring.datasource.username" -> isH2(environment) ? "sa" : null;
                    case "spring.datasource.password" -> isH2(environment) ? "" : null;
                    default -> null;
                };
            }
        });
    }

    static Path dataDir(ConfigurableEnvironment environment) {
        return Path.of(environment.getProperty(DATA_DIR, "./sluice-data")).toAbsolutePath().normalize();
    }

    private static boolean isH2(ConfigurableEnvironment environment) {
        return environment.getProperty(URL, "").startsWith("jdbc:h2:");
    }
}
