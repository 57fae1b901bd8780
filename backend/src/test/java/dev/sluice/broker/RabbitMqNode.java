package dev.sluice.broker;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.sluice.platform.FreePort;

/**
 * A RabbitMQ node started for one test, on free ports with its own data directory and configuration (the machine's
 * {@code /etc/rabbitmq} is not read), stopped and its files left in the test's directory at the end.
 */
public final class RabbitMqNode implements TestBrokers.Restartable {

    /** Path of the {@code rabbitmq-server} script; {@code rabbitmqctl} is expected beside it. */
    public static final String SERVER = "SLUICE_IT_RABBITMQ_SERVER";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Path server;
    private final Path workDir;
    private final Path rabbitmqctl;
    private final Map<String, String> environment;
    private final String node;
    private final int port;
    private final int managementPort;
    private BrokerConnection connection;

    private RabbitMqNode(Path server, Path workDir, Map<String, String> environment, String node, int port,
                         int managementPort) {
        this.server = server;
        this.workDir = workDir;
        this.rabbitmqctl = server.resolveSibling("rabbitmqctl");
        this.environment = environment;
        this.node = node;
        this.port = port;
        this.managementPort = managementPort;
    }

    static RabbitMqNode start(Path server, Path workDir) throws Exception {
        return start(server, workDir, List.of());
    }

    /**
     * @param plugins to enable, such as {@code rabbitmq_federation}; with {@code rabbitmq_management} the management
     *                API listens on a free port of its own ({@link #managementUri()})
     */
    public static RabbitMqNode start(Path server, Path workDir, List<String> plugins) throws Exception {
        int port = FreePort.find();
        int managementPort = plugins.contains("rabbitmq_management") ? FreePort.find() : -1;
        String node = "sluice-it-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        Path config = Files.writeString(workDir.resolve("rabbitmq.conf"), """
                listeners.tcp.1 = 127.0.0.1:%d
                loopback_users = none
                """.formatted(port) + (managementPort < 0 ? "" : """
                management.tcp.ip = 127.0.0.1
                management.tcp.port = %d
                """.formatted(managementPort)));
        Map<String, String> environment = Map.of(
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_CONF_ENV_FILE", Files.writeString(workDir.resolve("rabbitmq-env.conf"),
                        "ERL_EPMD_ADDRESS=127.0.0.1\n").toString(),
                "RABBITMQ_CONFIG_FILE", config.toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", Files.writeString(workDir.resolve("enabled_plugins"),
                        "[" + String.join(",", plugins) + "].\n").toString(),
                "RABBITMQ_MNESIA_BASE", workDir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", workDir.resolve("log").toString(),
                "RABBITMQ_PID_FILE", workDir.resolve("pid").toString(),
                "RABBITMQ_DIST_PORT", String.valueOf(FreePort.find()));
        run(List.of(server.toString(), "-detached"), environment, workDir);
        awaitListening(port, workDir);
        if (managementPort > 0) {
            awaitListening(managementPort, workDir);
        }
        return new RabbitMqNode(server, workDir, environment, node, port, managementPort);
    }

    /** The node's AMQP address, with the guest user. */
    public String amqpUri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    /** The management API's address; only with the management plugin. */
    public java.net.URI managementUri() {
        return java.net.URI.create("http://127.0.0.1:" + managementPort);
    }

    /** A connection to this node alone, opened on first use and closed with the node. */
    @Override
    public synchronized BrokerConnection connection() {
        if (connection == null) {
            connection = BrokerConnection.connect(amqpUri(), false);
        }
        return connection;
    }

    /** The Erlang node name, such as {@code sluice-it-1a2b3c4d@localhost}. */
    public String name() {
        return node;
    }

    /** Makes this node a member of {@code other}'s cluster, leaving its own data behind. */
    void joinClusterOf(RabbitMqNode other) throws Exception {
        ctl("stop_app");
        ctl("reset");
        run(List.of(rabbitmqctl.toString(), "-n", node, "-q", "join_cluster", other.node), environment, null);
        ctl("start_app");
        awaitListening(port, workDir);
    }

    /** Kills the node's Erlang VM with SIGKILL: no goodbye to clients or to the other nodes of its cluster. */
    public void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(workDir.resolve("pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Files.deleteIfExists(workDir.resolve("pid"));
    }

    /** Runs {@code rabbitmqctl} on this node and returns what it printed. */
    String ctlOutput(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(rabbitmqctl.toString(), "-n", node, "-q"));
        command.addAll(List.of(arguments));
        return run(command, environment, null);
    }

    /** Stops the RabbitMQ application on the node (every connection drops, every queue stops) and starts it again. */
    @Override
    public void restart(Duration down) throws Exception {
        ctl("stop_app");
        Thread.sleep(down.toMillis());
        ctl("start_app");
        awaitListening(port, null);
    }

    /** Stops the node's Erlang VM, as an operator stopping the broker would. */
    public void stop() throws Exception {
        ctl("stop");
    }

    /** Starts the node again after {@link #stop}, with its data. */
    public void start() throws Exception {
        run(List.of(server.toString(), "-detached"), environment, workDir);
        awaitListening(port, workDir);
        if (managementPort > 0) {
            awaitListening(managementPort, workDir);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (connection != null) {
                connection.close();
            }
        }
        try {
            ctl("stop");
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test's RabbitMQ node " + node, e);
        }
    }

    private void ctl(String command) throws Exception {
        run(List.of(rabbitmqctl.toString(), "-n", node, "-q", command), environment, null);
    }

    private static String run(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void awaitListening(int port, Path workDir) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the test's RabbitMQ node did not listen on port " + port + " within "
                + START_LIMIT.toSeconds() + " s" + (workDir == null ? "" : "; its log is in " + workDir.resolve("log")));
    }
}
