package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as engine (embedded H2 and broker, so a kill takes the broker down too), killed with
 * {@code kill -9} three times while events are published over HTTP and restarted on the same data: every event
 * reaches the JDBC target (an H2 server in a third JVM, upserted by id) exactly once, and the HTTP target at least
 * once. {@code -Dsluice.crash.events=N} sets how many events (default 10,000, to fit the CI budget).
 */
class EngineCrashJarIT {

    private static final int EVENTS = Integer.getInteger("sluice.crash.events", 10_000);
    private static final int BATCH = 100;
    private static final String PASSWORD = "crash-it";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(crash-[^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> httpIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong httpPosts = new AtomicLong();
    private final List<Process> helpers = new ArrayList<>();
    private volatile SluiceProcess sluice;
    private HttpServer hook;

    @AfterEach
    void stopEverything() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (hook != null) {
            hook.stop(0);
        }
        for (Process helper : helpers) {
            helper.destroyForcibly();
        }
    }

    @Test
    void everyEventReachesTheTargetsAcrossThreeKillsOfTheEngine() throws Exception {
        Path work = Files.createTempDirectory("sluice-crash-");
        int h2Port = SluiceProcess.freePort();
        helpers.add(jarMain("org.h2.tools.Server", List.of("-tcp", "-tcpPort", String.valueOf(h2Port),
                "-baseDir", work.resolve("target-db").toString(), "-ifNotExists"), "crash-h2.log").start());
        String targetUrl = "jdbc:h2:tcp://localhost:" + h2Port + "/crash";
        awaitSql(targetUrl, "create table crash_events (id varchar(200) primary key, type varchar(100))");
        startHook();

        Path dataDir = work.resolve("data");
        int port = SluiceProcess.freePort();
        int amqpPort = SluiceProcess.freePort();
        List<String> args = List.of("--sluice.demo.enabled=true", "--sluice.demo.password=" + PASSWORD,
                "--sluice.engine.retry-delays=200ms,500ms,1s,2s,5s,10s");
        sluice = SluiceProcess.start(dataDir, port, amqpPort, args, "sluice-crash.log");
        String base = sluice.baseUrl();
        long flowId = importAndDeploy(base, targetUrl);

        AtomicInteger batchesSent = new AtomicInteger();
        Thread publisher = Thread.ofPlatform().name("crash-publisher").start(() -> publishAll(base, batchesSent));
        int batches = EVENTS / BATCH;
        for (int kill = 1; kill <= 3; kill++) {
            int due = batches * kill / 4;
            while (batchesSent.get() < due && publisher.isAlive()) {
                Thread.sleep(20);
            }
            sluice.kill();
            System.out.printf("crash IT: kill -9 #%d after %d of %d batches%n", kill, batchesSent.get(), batches);
            sluice = SluiceProcess.start(dataDir, port, amqpPort, args, "sluice-crash.log");
        }
        publisher.join(Duration.ofMinutes(5).toMillis());
        assertThat(publisher.isAlive()).as("the publisher finished").isFalse();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (httpIds.size() < EVENTS && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        String inTable = "0";
        while (Instant.now().isBefore(deadline)) {
            inTable = sql(targetUrl, "select count(*) from crash_events where id like 'crash-" + run + "-%'");
            if (inTable.equals(String.valueOf(EVENTS))) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("crash IT: %d events, %d HTTP posts (%d distinct ids), %s rows; flow %d%n", EVENTS,
                httpPosts.get(), httpIds.size(), inTable, flowId);
        assertThat(httpIds).as("every id reached the HTTP target").hasSize(EVENTS);
        assertThat(httpPosts.get()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(inTable).as("rows in the JDBC target, one per id").isEqualTo(String.valueOf(EVENTS));
        assertThat(sql(targetUrl, "select count(*) from crash_events")).isEqualTo(String.valueOf(EVENTS));
    }

    private void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", SluiceProcess.freePort()), 0);
        hook.setExecutor(Executors.newFixedThreadPool(8));
        hook.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = ID.matcher(body);
            if (id.find()) {
                httpIds.add(id.group(1));
            }
            httpPosts.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
    }

    private long importAndDeploy(String base, String targetUrl) throws Exception {
        String flow = """
                {"schemaVersion": 1, "name": "crash-%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users", "types": ["user.created"]}},
                           {"id": "db", "kind": "target.jdbc", "config": {"url": "%s", "username": "sa",
                             "table": "crash_events", "key": ["id"], "columns": {"id": "$.id", "type": "$.type"}}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events",
                             "timeoutMs": 5000}}],
                 "edges": [{"from": "in", "to": "db"}, {"from": "in", "to": "ids"}, {"from": "ids", "to": "hook"}]}
                """.formatted(run, targetUrl, hook.getAddress().getPort());
        HttpResponse<String> created = call(base, "finance", "/api/flows/import", "application/json", flow);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
        assertThat(id.find()).isTrue();
        long flowId = Long.parseLong(id.group(1));
        HttpResponse<String> deployed = call(base, "finance", "/api/flows/" + flowId + "/deploy", "application/json",
                "{}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        return flowId;
    }

    /** Publishes every batch until the platform answers 202, whatever state the engine process is in. */
    private void publishAll(String base, AtomicInteger batchesSent) {
        for (int batch = 0; batch < EVENTS / BATCH; batch++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                int n = batch * BATCH + i;
                body.append(i == 0 ? "" : ",").append("""
                        {"specversion":"1.0","id":"crash-%s-%d","source":"/user-center/users","type":"user.created",
                         "data":{"userId":"U%d","email":"u%d@example.com"}}""".formatted(run, n, n, n));
            }
            body.append(']');
            while (true) {
                try {
                    HttpResponse<String> answer = call(base, "central", "/api/sources/user-center.users/events",
                            "application/cloudevents-batch+json", body.toString());
                    if (answer.statusCode() == 202) {
                        break;
                    }
                } catch (IOException engineDown) {
                    // being killed or restarting: try again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sleep(200);
            }
            batchesSent.incrementAndGet();
        }
    }

    private HttpResponse<String> call(String base, String user, String path, String type, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a main class from the jar's own libraries (H2's server and shell), in its own JVM. */
    private static ProcessBuilder jarMain(String mainClass, List<String> args, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dloader.main=" + mainClass, "-cp",
                SluiceProcess.jar().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(args);
        Path log = Path.of("target", logName).toAbsolutePath();
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** One SQL statement through H2's shell; the first value of the result. */
    private static String sql(String url, String statement) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sluice-crash-sql-", ".txt");
        Process shell = jarMain("org.h2.tools.Shell", List.of("-url", url, "-user", "sa", "-password", "",
                "-sql", statement), "crash-sql.log").redirectOutput(out.toFile()).start();
        if (!shell.waitFor(60, TimeUnit.SECONDS) || shell.exitValue() != 0) {
            shell.destroyForcibly();
            throw new IllegalStateException("H2 shell failed: " + Files.readString(out));
        }
        List<String> lines = Files.readAllLines(out).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        // first line: column headers; second: the first row
        return lines.size() > 1 ? lines.get(1).split("\\s*\\|\\s*")[0] : "";
    }

    private static void awaitSql(String url, String statement) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                sql(url, statement);
                return;
            } catch (IOException | IllegalStateException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(e);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
