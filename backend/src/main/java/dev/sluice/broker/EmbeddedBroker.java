package dev.sluice.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerModel;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Apache Qpid Broker-J in this process, speaking AMQP 0-9-1, with a Derby message store so queued
 * events survive a restart. Qpid ignores RabbitMQ queue arguments, so everything Sluice relies on
 * (retries, dead letters) must be done with portable AMQP features.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String VIRTUAL_HOST = "default";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final AtomicReference<RuntimeException> startupError = new AtomicReference<>();
    private final SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
        @Override
        public void errorOnStartup(RuntimeException e) {
            startupError.set(e);
        }
    });
    private final AmqpProperties.Embedded settings;

    private EmbeddedBroker(AmqpProperties.Embedded settings) {
        this.settings = settings;
    }

    static EmbeddedBroker start(AmqpProperties.Embedded settings, Path workDir) {
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        broker.startIn(workDir);
        return broker;
    }

    String uri() {
        return "amqp://" + settings.username() + ":" + settings.password() + "@" + settings.bindAddress() + ":"
                + settings.port() + "/" + VIRTUAL_HOST;
    }

    private void startIn(Path workDir) {
        long started = System.nanoTime();
        Path config = writeInitialConfig(workDir);
        Path storedConfig = workDir.resolve("broker-config.json");
        try {
            // the broker's own copy of its configuration is rebuilt from ours on every start, so a changed
            // port or password takes effect; queues and messages live in the Derby store and are kept
            Files.deleteIfExists(storedConfig);
            Files.deleteIfExists(workDir.resolve("broker-config.json.bak"));
            launcher.startup(Map.of(
                    SystemConfig.TYPE, "JSON",
                    "storePath", storedConfig.toString(),
                    SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString(),
                    SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                    "qpid.work_dir", workDir.toString(),
                    "context", Map.of("qpid.work_dir", workDir.toString())));
            if (startupError.get() != null) {
                throw startupError.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The embedded broker could not start on " + settings.bindAddress() + ":"
                    + settings.port() + " (set SLUICE_AMQP_EMBEDDED_PORT to use another port): " + e.getMessage(), e);
        }
        log.info("Embedded AMQP 0-9-1 broker listening on {}:{} (store {}), started in {} ms",
                settings.bindAddress(), settings.port(), workDir, (System.nanoTime() - started) / 1_000_000);
    }

    private Path writeInitialConfig(Path workDir) {
        Map<String, Object> config = Map.of(
                "name", "sluice-embedded",
                "modelVersion", BrokerModel.MODEL_VERSION,
                "authenticationproviders", List.of(Map.of(
                        "name", "plain",
                        "type", "Plain",
                        "secureOnlyMechanisms", List.of(),
                        "users", List.of(Map.of("name", settings.username(), "type", "managed",
                                "password", settings.password())))),
                "ports", List.of(Map.of(
                        "name", "AMQP",
                        "port", settings.port(),
                        "bindingAddress", settings.bindAddress(),
                        "protocols", List.of("AMQP_0_9_1"),
                        "authenticationProvider", "plain",
                        "virtualhostaliases", List.of(
                                Map.of("name", "nameAlias", "type", "nameAlias"),
                                Map.of("name", "defaultAlias", "type", "defaultAlias")))),
                "virtualhostnodes", List.of(Map.of(
                        "name", VIRTUAL_HOST,
                        "type", "DERBY",
                        "storePath", workDir.resolve("store").toString(),
                        "defaultVirtualHostNode", "true",
                        "virtualHostInitialConfiguration", "{\"type\":\"ProvidedStore\"}")));
        Path file = workDir.resolve("initial-config.json");
        try {
            Files.writeString(file, JsonMapper.shared().writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        launcher.shutdown();
        log.info("Embedded broker stopped");
    }
}
