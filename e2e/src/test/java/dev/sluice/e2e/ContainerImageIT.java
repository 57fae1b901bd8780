package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image {@code -Pimage} builds ({@code designer/target/sluice-image.tar}, the format {@code docker load}
 * reads): its configuration (user, entrypoint, port, volume, labels, the JVM sized by the container), and that it
 * runs: its layers unpacked into a root file system and its entrypoint started there as its user, with its
 * environment and working directory, on PostgreSQL and RabbitMQ, until Sluice is ready. No container runtime is
 * needed: that run is a chroot with {@code /proc}, so it needs root and the real services. CI builds the image
 * ({@code SLUICE_IT_IMAGE}) and so requires both parts; elsewhere the test is skipped when no image was built.
 */
class ContainerImageIT {

    private static final Path IMAGE = Path.of("..", "designer", "target", "sluice-image.tar").toAbsolutePath()
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path unpacked;
    private static JsonNode manifest;
    private static JsonNode config;

    @BeforeAll
    static void unpack() throws Exception {
        if (System.getenv("SLUICE_IT_IMAGE") != null) {
            assertThat(IMAGE).as("the image CI builds (SLUICE_IT_IMAGE is set)").isRegularFile();
        }
        assumeThat(Files.isRegularFile(IMAGE)).as("an image built with -Pimage").isTrue();
        unpacked = Files.createTempDirectory("sluice-image-");
        run(List.of("tar", "-xf", IMAGE.toString(), "-C", unpacked.toString()));
        manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(unpacked.resolve(manifest.path("Config").asText()).toFile()).path("config");
    }

    @AfterAll
    static void removeUnpacked() throws Exception {
        if (unpacked != null) {
            run(List.of("rm", "-rf", unpacked.toString()));
        }
    }

    @Test
    void runsAsANonRootUserWithItsDataOnAVolumeAndItsHealthOnTheActuatorProbes() {
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).as(config.toString()).isTrue();
        assertThat(config.path("Volumes").has("/var/lib/sluice")).as(config.toString()).isTrue();
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/lib/sluice");
        List<String> environment = texts(config.path("Env"));
        assertThat(environment).contains("SLUICE_DATA_DIR=/var/lib/sluice/data")
                .anySatisfy(variable -> assertThat(variable).startsWith("JAVA_TOOL_OPTIONS=")
                        .contains("-XX:MaxRAMPercentage="));
        assertThat(texts(config.path("Entrypoint"))).startsWith("java").contains("-XX:+EnableJVMCI")
                .anySatisfy(argument -> assertThat(argument).startsWith("--upgrade-module-path="))
                .endsWith("dev.sluice.SluiceApplication");
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("Sluice");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.path("dev.sluice.health.liveness").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(labels.path("dev.sluice.health.readiness").asText()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void itsEntrypointStartsSluiceAsItsUserOnTheOptimizedJavaScriptRuntime() throws Exception {
        String database = System.getenv("SLUICE_IT_DATASOURCE_URL");
        String amqp = System.getenv("SLUICE_IT_AMQP_URI");
        boolean required = System.getenv("SLUICE_IT_IMAGE") != null;
        if (!required) {
            assumeThat(database != null && amqp != null && "root".equals(System.getProperty("user.name")))
                    .as("root, SLUICE_IT_DATASOURCE_URL and SLUICE_IT_AMQP_URI").isTrue();
        }
        Path root = unpacked.resolve("root");
        Files.createDirectories(root);
        for (JsonNode layer : manifest.path("Layers")) {
            run(List.of("tar", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString()));
        }
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains(":10001:10001:");
        // what a container runtime provides: /proc, the host's name resolution
        Files.createDirectories(root.resolve("proc"));
        Files.copy(Path.of("/etc/hosts"), root.resolve("etc/hosts"));
        run(List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()));
        String schema = "sluice_image_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        int port = SluiceProcess.freePort();
        List<String> environment = new ArrayList<>(texts(config.path("Env")));
        String username = System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres");
        environment.addAll(List.of("PORT=" + port, "SLUICE_AMQP_URI=" + amqp,
                "SPRING_DATASOURCE_URL=" + database + (database.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "SPRING_DATASOURCE_USERNAME=" + username,
                "SPRING_FLYWAY_SCHEMAS=" + schema, "SPRING_FLYWAY_CREATE_SCHEMAS=true",
                "SLUICE_ENGINE_QUEUEPREFIX=it-image-" + schema, "SLUICE_MASTER_KEY="
                        + java.util.Base64.getEncoder().encodeToString(new byte[32])));
        String[] user = config.path("User").asText().split(":");
        ArrayNode command = JSON.createArrayNode();
        texts(config.path("Entrypoint")).forEach(command::add);
        command.set(0, JSON.getNodeFactory().textNode("/opt/java/bin/java"));
        Path log = Path.of("target", "sluice-e2e-image.log").toAbsolutePath();
        Process sluice = new ProcessBuilder("python3", "-c", """
                import json, os, sys
                root, workdir, uid, gid, env, command = sys.argv[1:7]
                os.chroot(root); os.chdir(workdir); os.setgroups([]); os.setgid(int(gid)); os.setuid(int(uid))
                command = json.loads(command)
                os.execve(command[0], command, dict(v.split("=", 1) for v in json.loads(env)))
                """, root.toString(), config.path("WorkingDir").asText(), user[0], user[1],
                JSON.writeValueAsString(environment), command.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            String answer = "";
            while (Instant.now().isBefore(deadline) && sluice.isAlive() && !answer.contains("UP")) {
                try {
                    answer = client.send(HttpRequest.newBuilder(readiness).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException e) {
                    Thread.sleep(500);
                }
            }
            assertThat(answer).as("readiness; the image's log is " + log).contains("\"UP\"");
            String output = awaitLogLine(log, "JavaScript sandbox: ");
            assertThat(output).contains("on the optimized Truffle runtime");
            assertThat(Files.readString(log)).contains("started by sluice in /var/lib/sluice");
        } finally {
            sluice.destroy();
            sluice.waitFor();
            run(List.of("umount", root.resolve("proc").toString()));
            try (Connection connection = DriverManager.getConnection(database, username,
                    System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""))) {
                connection.createStatement().execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static String awaitLogLine(Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no line with '" + text + "' in " + log);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
