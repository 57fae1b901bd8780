package dev.sluice.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerModel;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.platform.PortInUseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Apache Qpid Broker-J in this process, speaking AMQP 0-9-1, with a persistent message store ({@link Store}) so
 * queued events survive a restart, {@code kill -9} included. Qpid ignores RabbitMQ queue arguments, so everything
 * Sluice relies on (retries, dead letters) must be done with portable AMQP features. Its one user's password is the
 * data directory's own, and it starts only when it got its port: Qpid itself carries on without a port it could not
 * bind, and Sluice would then connect to whatever listens there, another installation's broker say.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String VIRTUAL_HOST = "default";
    private static final String INITIAL_SYSTEM_PROPERTIES_LOCATION = "initialSystemPropertiesLocation";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final AtomicReference<RuntimeException> startupError = new AtomicReference<>();
    private final AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    private final SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
        @Override
        public void errorOnStartup(RuntimeException e) {
            startupError.set(e);
        }

        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            system.set(config);
        }
    });
    private final AmqpProperties.Embedded settings;
    private final String password;
    private final Store store;

    /**
     * Qpid's persistent message stores, by the virtual host node type that selects each, and the directory each
     * keeps its files in. Berkeley DB JE commits several transactions with one disk sync, Derby one by one: five to
     * six times the events per second here ({@code EmbeddedStoreBenchmark}), durable alike.
     */
    enum Store {
        DERBY("store", "Derby"), BDB("store-bdb", "Berkeley DB");

        private final String directory;
        private final String label;

        Store(String directory, String label) {
            this.directory = directory;
            this.label = label;
        }

        /**
         * Berkeley DB for a new data directory; Derby where an earlier version's store holds events, which a
         * switch would leave behind.
         */
        static Store of(Path workDir) {
            return Files.isDirectory(workDir.resolve(DERBY.directory)) ? DERBY : BDB;
        }
    }

    private EmbeddedBroker(AmqpProperties.Embedded settings, String password, Store store) {
        this.settings = settings;
        this.password = password;
        this.store = store;
    }

    /** Starts the broker with its store in {@code workDir}, or fails with a {@link PortInUseException}. */
    static EmbeddedBroker start(AmqpProperties.Embedded settings, String password, Path workDir) {
        return start(settings, password, workDir, Store.of(workDir));
    }

    static EmbeddedBroker start(AmqpProperties.Embedded settings, String password, Path workDir, Store store) {
        EmbeddedBroker broker = new EmbeddedBroker(settings, password, store);
        broker.startIn(workDir);
        return broker;
    }

    /** A fresh password for a data directory: 256 random bits, URI-safe. */
    static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    String uri() {
        return "amqp://" + settings.username() + ":" + password + "@" + settings.bindAddress() + ":"
                + settings.port() + "/" + VIRTUAL_HOST;
    }

    private void startIn(Path workDir) {
        long started = System.nanoTime();
        restrictToOwner(workDir);
        Path config = writeInitialConfig(workDir);
        Path storedConfig = workDir.resolve("broker-config.json");
        try {
            // the broker's own copy of its configuration is rebuilt from ours on every start, so a changed
            // port or password takes effect; queues and messages live in the message store and are kept
            Files.deleteIfExists(storedConfig);
            Files.deleteIfExists(workDir.resolve("broker-config.json.bak"));
            launcher.startup(Map.of(
                    SystemConfig.TYPE, "JSON",
                    "storePath", storedConfig.toString(),
                    SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString(),
                    INITIAL_SYSTEM_PROPERTIES_LOCATION, writeSystemProperties(workDir).toUri().toString(),
                    SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                    "qpid.work_dir", workDir.toString(),
                    // Berkeley DB's cache would otherwise take a share of the heap; events pass through, so 64 MiB
                    "context", Map.of("qpid.work_dir", workDir.toString(),
                            "qpid.broker.bdbTotalCacheSize", String.valueOf(64L * 1024 * 1024))));
            if (startupError.get() != null) {
                throw startupError.get();
            }
        } catch (Exception e) {
            launcher.shutdown();
            throw new IllegalStateException("The embedded broker could not start on " + settings.bindAddress() + ":"
                    + settings.port() + " (set SLUICE_AMQP_EMBEDDED_PORT to use another port): " + e.getMessage(), e);
        }
        requirePort();
        log.info("Embedded AMQP 0-9-1 broker listening on {}:{} ({} store in {}), started in {} ms",
                settings.bindAddress(), settings.port(), store.label,
                workDir.resolve(store.directory), (System.nanoTime() - started) / 1_000_000);
        if (store == Store.DERBY) {
            log.info("This data directory keeps the Derby store of an earlier version; a new data directory uses "
                    + "Berkeley DB, several times faster");
        }
    }

    /** Our configuration and the broker's copy of it hold the password. */
    private static void restrictToOwner(Path workDir) {
        try {
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            log.warn("Cannot restrict {} to its owner on this file system; it holds the broker's password", workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requirePort() {
        Broker<?> broker = (Broker<?>) system.get().getContainer();
        Port<?> amqp = broker.getPorts().stream()
                .filter(port -> "AMQP".equals(port.getName())).findFirst().orElseThrow();
        if (amqp.getState() != State.ACTIVE) {
            launcher.shutdown();
            throw new PortInUseException("The embedded broker", settings.bindAddress() + ":" + settings.port(),
                    "SLUICE_AMQP_EMBEDDED_PORT", null);
        }
    }

    /**
     * Qpid's own system properties, none: without a location Qpid reads {@code classpath:system.properties}, a URL
     * only this JVM's class loader can resolve when Qpid is on it, not from the packaged jar's nested jars, where it
     * worked only once Tomcat had registered its handler for {@code classpath:} (the broker now starts before that).
     */
    private static Path writeSystemProperties(Path workDir) {
        Path file = workDir.resolve("system.properties");
        try {
            Files.writeString(file, "# Sluice sets the embedded broker's settings in initial-config.json\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
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
                                "password", password)))),
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
                        "type", store.name(),
                        "storePath", workDir.resolve(store.directory).toString(),
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
