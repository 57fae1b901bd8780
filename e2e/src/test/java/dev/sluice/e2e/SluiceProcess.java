package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The packaged {@code designer/target/sluice.jar}, started as a user would start it (embedded default, a
 * fresh data directory), on free ports. Waits until {@code /actuator/health} answers UP.
 */
final class SluiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private SluiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SluiceProcess start() throws IOException, InterruptedException {
        return start(Files.createTempDirectory("sluice-e2e-"), freePort(), freePort(), List.of(), "sluice-e2e.log");
    }

    /** The packaged jar. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("sluice.jar", "../designer/target/sluice.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        return jar;
    }

    /**
     * Starts the jar on {@code dataDir} and the given ports, so a killed instance can be started again on the same
     * data; {@code arguments} are added to the command line; the output is appended to {@code target/<logName>}.
     */
    static SluiceProcess start(Path dataDir, int port, int amqpPort, List<String> arguments, String logName)
            throws IOException, InterruptedException {
        return start(dataDir, port, amqpPort, arguments, Map.of(), logName);
    }

    /**
     * As above, with {@code environment} added to the process's; naming {@code SPRING_DATASOURCE_URL} and
     * {@code SLUICE_AMQP_URI} there runs the jar on those services instead of the embedded default.
     */
    static SluiceProcess start(Path dataDir, int port, int amqpPort, List<String> arguments,
                               Map<String, String> environment, String logName)
            throws IOException, InterruptedException {
        Path jar = jar();
        Path log = Path.of("target", logName).toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString(),
                "--server.port=" + port, "--sluice.amqp.embedded.port=" + amqpPort));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SLUICE_DATA_DIR", dataDir.toString());
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().remove("SLUICE_AMQP_URI");
        // the journeys' webhooks and databases run on this machine, which connections reach only when allowed
        builder.environment().put("SLUICE_CONNECTIONS_ALLOW", "127.0.0.1");
        builder.environment().putAll(environment);
        SluiceProcess sluice = new SluiceProcess(builder.start(), port);
        sluice.awaitHealthy(Duration.ofSeconds(240), log);
        return sluice;
    }

    /**
     * The operating system's id of the JVM running Sluice, for {@code jcmd}: the one the jar started on the optimized
     * JavaScript runtime when it did so.
     */
    long pid() {
        return process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sluice.jar exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("sluice.jar was not healthy within " + timeout + "; see " + log);
    }

    /**
     * {@code kill -9} of the JVM running Sluice, then of the command that started it: no shutdown hook runs, nothing
     * is flushed or acked, and the ports and data directory are free when this returns.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> sluiceJvms = process.toHandle().children().toList();
        sluiceJvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle jvm : sluiceJvms) {
            jvm.onExit().join();
        }
        killLauncher();
    }

    /** {@code kill -9} of the command users started ({@code java -jar}) only. */
    void killLauncher() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> sluiceJvms = process.toHandle().children().toList();
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle jvm : sluiceJvms) {
            try {
                jvm.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                jvm.destroyForcibly();
            }
        }
    }
}
