package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The packaged jar as engine, killed with {@code kill -9} three times while events are published to its source
 * over AMQP, and restarted on the same data. Two runs per backend: every event reaches the JDBC target (upserted by
 * id) exactly once and the HTTP target at least once; and a copy converges: user changes (creates, updates,
 * deletes) published reordered and duplicated, through a webhook that fails now and then and, on PostgreSQL, a
 * network that cuts the database's connections, leave the JDBC table equal, row for row, to the final state
 * computed from the changes. On the embedded default the broker dies with the engine, so the publisher waits for
 * it; on PostgreSQL and RabbitMQ (when {@code SLUICE_IT_DATASOURCE_URL} and {@code SLUICE_IT_AMQP_URI} name them;
 * unreachable fails) it goes on publishing while the engine is down. And a bootstrap: halfway through changes
 * published in order, the copy's table is emptied and the flow deployed again from its source's snapshot while
 * changes keep coming; the table ends equal to the source's current state. {@code -Dsluice.crash.events=N},
 * {@code -Dsluice.converge.changes=N} and {@code -Dsluice.bootstrap.changes=N} set the sizes (default 8,000,
 * 8,000 and 5,000, to fit CI's time on a 2-core machine; the acceptance figures are 50,000 and 50,000).
 */
class EngineCrashJarIT {

    private static final int EVENTS = Integer.getInteger("sluice.crash.events", 8_000);
    private static final int CHANGES = Integer.getInteger("sluice.converge.changes", 8_000);
    private static final int BOOTSTRAP_CHANGES = Integer.getInteger("sluice.bootstrap.changes", 5_000);
    private static final int BATCH = 500;
    private static final String PASSWORD = "crash-it";
    private static final String TYPE = "user.created";
    private static final List<String> RETRY_DELAYS = List.of("200ms", "500ms", "1s", "2s", "5s", "10s");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"((?:crash|conv)-[^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** A source of this run's own, so its exchange is shared with no other test on the same RabbitMQ. */
    private final String source = "crash-" + run + ".users";
    private final Set<String> httpIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong httpPosts = new AtomicLong();
    private volatile SluiceProcess sluice;
    private HttpServer hook;
    private String externalAmqp;
    private String queuePrefix;
    private FlakyTcpProxy flakyNetwork;
    private volatile boolean flakyHook;
    /** The sources the jar knows (this run's and the demo's): each has a recent-events queue under the prefix. */
    private List<String> sourceNames = List.of();
    private long flowId;
    /** The jar's command-line arguments, the same at every start of a run. */
    private List<String> arguments;

    private record Backend(String name, Path dataDir, int amqpPort, List<String> arguments,
                           Map<String, String> environment, Supplier<String> publishUri, TargetDb target) {

        String logName() {
            return "sluice-crash-" + (environment.isEmpty() ? "embedded" : "external") + ".log";
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (hook != null) {
            hook.stop(0);
        }
        if (externalAmqp != null) {
            deleteFromRabbitMq();
        }
        if (flakyNetwork != null) {
            flakyNetwork.close();
        }
    }

    /**
     * What a run publishes, how its flow writes, and what the JDBC target must hold in the end.
     *
     * @param events   distinct events: the HTTP target must see every id
     * @param messages what is published, in order (a duplicate repeats an event)
     */
    private record Scenario(List<String> types, String columns, String jdbcSettings, String httpSettings, int events,
                            List<ConvergingChanges.Message> messages, Consumer<TargetDb> check) {
    }

    /** {@code EVENTS} creations, each written once by its id. */
    private Scenario everyEventOnce() {
        List<ConvergingChanges.Message> messages = new ArrayList<>(EVENTS);
        for (int n = 0; n < EVENTS; n++) {
            String id = "crash-" + run + "-" + n;
            messages.add(new ConvergingChanges.Message(id, TYPE, """
                    {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s",
                     "data":{"userId":"U%d","email":"u%d@example.com"}}""".formatted(id, TYPE, n, n)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return new Scenario(List.of(TYPE), "id varchar(200) primary key, type varchar(100)",
                "\"key\": [\"id\"], \"columns\": {\"id\": \"$.id\", \"type\": \"$.type\"}", "\"timeoutMs\": 5000",
                EVENTS, messages, target -> {
                    assertThat(target.count("id like 'crash-" + run + "-%'")).as("rows in the JDBC target, one per id")
                            .isEqualTo(EVENTS);
                    assertThat(target.count(null)).as("no other rows").isEqualTo(EVENTS);
                });
    }

    /** {@code CHANGES} changes of a tenth as many users, 10 % duplicated, reordered: the copy ends as computed. */
    private Scenario converging() {
        ConvergingChanges changes = new ConvergingChanges(run, CHANGES, Math.max(1, CHANGES / 10), 0.10, 1_000, 17);
        System.out.printf("convergence IT: %d changes of %d users, %d messages published, %d behind a newer one%n",
                changes.changes(), CHANGES / 10, changes.published().size(), changes.reordered());
        return versionedCopy("convergence", changes, 1_000);
    }

    /**
     * {@code BOOTSTRAP_CHANGES} changes of a tenth as many users, published in order as the user center does; the
     * JDBC copy writes by version and deletes on {@code user.deleted}.
     */
    private Scenario bootstrapped() {
        ConvergingChanges changes = new ConvergingChanges(run, BOOTSTRAP_CHANGES, Math.max(1, BOOTSTRAP_CHANGES / 10),
                0, 1, 23);
        return versionedCopy("bootstrap", changes, 5_000);
    }

    /**
     * The user changes into a JDBC copy written by version, deleting on {@code user.deleted}, and to the webhook
     * (which sees deletes as any event, within {@code timeoutMs}); the copy must end row for row as computed.
     */
    private Scenario versionedCopy(String name, ConvergingChanges changes, int timeoutMs) {
        return new Scenario(List.of("user.created", "user.updated", "user.deleted"),
                "user_id varchar(40) primary key, email varchar(200), seq bigint",
                """
                "key": ["user_id"], "columns": {"user_id": "$.data.userId", "email": "$.data.email",
                 "seq": "$.data.seq"}, "version": "$.data.seq\"""",
                "\"timeoutMs\": " + timeoutMs + ", \"deleteOn\": []", changes.changes(), changes.published(),
                target -> {
                    Map<String, ConvergingChanges.Row> rows = target.users();
                    System.out.printf("%s IT: %d rows expected, %d in the copy%n", name, changes.expected().size(),
                            rows.size());
                    assertThat(rows).as("the copy, row for row").containsExactlyInAnyOrderEntriesOf(changes.expected());
                });
    }

    @Test
    void everyEventReachesTheTargetsAcrossThreeKillsOfTheEmbeddedEngine() throws Exception {
        runThroughThreeKills(embedded(), everyEventOnce());
    }

    @Test
    void aCopyConvergesThroughReorderedDuplicatedChangesAFlakyWebhookAndThreeKillsOfTheEmbeddedEngine()
            throws Exception {
        flakyHook = true;
        runThroughThreeKills(embedded(), converging());
    }

    @Test
    void anEmptiedCopyRedeployedFromTheSnapshotWhileChangesKeepComingConvergesOnTheEmbeddedDefault() throws Exception {
        emptyAndRedeployFromTheSnapshot(embedded(), bootstrapped());
    }

    private static Backend embedded() throws IOException {
        Path work = Files.createTempDirectory("sluice-crash-");
        int amqpPort = SluiceProcess.freePort();
        Path data = work.resolve("data");
        // the embedded broker accepts only its data directory's own password, generated at the first start
        return new Backend("embedded", data, amqpPort, List.of(), Map.of(),
                () -> "amqp://sluice:" + embeddedBrokerPassword(data) + "@127.0.0.1:" + amqpPort + "/default",
                TargetDb.h2File(data));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
    void everyEventReachesTheTargetsAcrossThreeKillsOfAnEngineOnPostgresqlAndRabbitMq() throws Exception {
        runThroughThreeKills(external(null), everyEventOnce());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
    void aCopyConvergesThroughReorderedDuplicatedChangesAFlakyNetworkAndThreeKillsOfAnEngineOnPostgresqlAndRabbitMq()
            throws Exception {
        URI database = URI.create(System.getenv("SLUICE_IT_DATASOURCE_URL").substring("jdbc:".length()));
        flakyNetwork = new FlakyTcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort(),
                1_000, 6_000);
        flakyHook = true;
        runThroughThreeKills(external(flakyNetwork.port()), converging());
        System.out.printf("convergence IT: the network cut %d database connections%n", flakyNetwork.cut());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SLUICE_IT_DATASOURCE_URL", matches = ".+")
    void anEmptiedCopyRedeployedFromTheSnapshotWhileChangesKeepComingConvergesOnPostgresqlAndRabbitMq()
            throws Exception {
        emptyAndRedeployFromTheSnapshot(external(null), bootstrapped());
    }

    /** @param targetPort where the jar reaches the target database, or null for PostgreSQL's own port */
    private Backend external(Integer targetPort) throws IOException {
        String url = System.getenv("SLUICE_IT_DATASOURCE_URL");
        externalAmqp = System.getenv("SLUICE_IT_AMQP_URI");
        assertThat(externalAmqp).as("SLUICE_IT_AMQP_URI, set together with SLUICE_IT_DATASOURCE_URL").isNotBlank();
        String schema = "sluice_crash_" + run;
        queuePrefix = "crash-" + run;
        return new Backend("PostgreSQL and RabbitMQ",
                Files.createTempDirectory("sluice-crash-").resolve("data"), SluiceProcess.freePort(),
                List.of("--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
                        "--sluice.engine.queue-prefix=" + queuePrefix),
                Map.of("SPRING_DATASOURCE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        "SPRING_DATASOURCE_USERNAME",
                        System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"),
                        "SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""),
                        "SLUICE_AMQP_URI", externalAmqp),
                () -> externalAmqp, TargetDb.postgres(url, "crash_events_" + run, targetPort));
    }

    private static String embeddedBrokerPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("keys").resolve("broker.password"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runThroughThreeKills(Backend backend, Scenario scenario) throws Exception {
        long started = System.nanoTime();
        String base = startAndDeploy(backend, scenario);
        Publisher publisher = new Publisher(backend.publishUri().get(), scenario.messages(),
                Math.max(BATCH, scenario.events() / 8));
        Thread publishing = Thread.ofPlatform().name("crash-publisher").start(publisher);
        for (int kill = 1; kill <= 3; kill++) {
            int due = scenario.events() * kill / 4;
            await(() -> httpIds.size() >= due || !publishing.isAlive(), Duration.ofMinutes(20),
                    due + " events at the HTTP target");
            sluice.kill();
            System.out.printf("crash IT (%s): kill -9 #%d with %d events published, %d delivered, after %.0f s%n",
                    backend.name(), kill, publisher.published, httpIds.size(), seconds(started));
            sluice = start(backend, sluice.port(), arguments);
        }
        drainAndCheck(backend, scenario, publisher, publishing, base, started);
    }

    /**
     * Halfway through the changes, the business system's table is emptied and the flow deployed again from its
     * source's snapshot while changes keep coming: the copy ends at the source's current state. The jar holds an H2
     * target's file while it runs, so on the embedded default the table is emptied while the jar is stopped (the
     * publisher waits for the broker meanwhile); on PostgreSQL under way.
     */
    private void emptyAndRedeployFromTheSnapshot(Backend backend, Scenario scenario) throws Exception {
        long started = System.nanoTime();
        String base = startAndDeploy(backend, scenario);
        TargetDb target = backend.target();
        Publisher publisher = new Publisher(backend.publishUri().get(), scenario.messages(),
                Math.max(BATCH, scenario.events() / 8));
        Thread publishing = Thread.ofPlatform().name("bootstrap-publisher").start(publisher);
        await(() -> httpIds.size() >= scenario.events() / 2, Duration.ofMinutes(10), "half the changes delivered");
        long emptied;
        if (target.heldByTheJar()) {
            sluice.close();
            emptied = target.empty();
            sluice = start(backend, sluice.port(), arguments);
        } else {
            emptied = target.empty();
        }
        HttpResponse<String> redeployed = call(base, "finance", "/api/flows/" + flowId + "/deploy",
                "application/json", "{\"from\": \"snapshot\"}");
        assertThat(redeployed.statusCode()).as(redeployed.body()).isEqualTo(200);
        System.out.printf("bootstrap IT (%s): %d rows emptied, redeployed from the snapshot with %d of %d changes "
                + "published, after %.0f s%n", backend.name(), emptied, publisher.published, scenario.messages().size(),
                seconds(started));
        await(() -> !status(base).contains("\"bootstrapping\":true"), Duration.ofMinutes(5), "the snapshot through");
        drainAndCheck(backend, scenario, publisher, publishing, base, started);
    }

    /** Starts the jar on a new port and deploys the scenario's flow; the target's table is created first. */
    private String startAndDeploy(Backend backend, Scenario scenario) throws Exception {
        TargetDb target = backend.target();
        target.create(scenario.columns());
        startHook();
        arguments = new ArrayList<>(List.of("--sluice.demo.enabled=true", "--sluice.demo.flows=false",
                "--sluice.demo.password=" + PASSWORD,
                "--sluice.engine.retry-delays=" + String.join(",", RETRY_DELAYS)));
        arguments.addAll(backend.arguments());
        sluice = start(backend, SluiceProcess.freePort(), arguments);
        String base = sluice.baseUrl();
        flowId = registerSourceAndDeploy(base, target, scenario);
        sourceNames = sourceNames(base);
        return base;
    }

    /** Once everything is published: every id at the HTTP target, the queue empty, then the table checked. */
    private void drainAndCheck(Backend backend, Scenario scenario, Publisher publisher, Thread publishing, String base,
                               long started) throws Exception {
        TargetDb target = backend.target();
        publishing.join(Duration.ofMinutes(20));
        assertThat(publishing.isAlive()).as("the publisher finished").isFalse();
        assertThat(publisher.failure).as("the publisher's failure").isNull();

        await(() -> httpIds.size() >= scenario.events(), Duration.ofMinutes(10), "every id at the HTTP target");
        // an event is acked once both targets confirmed: an empty queue means every row is committed
        await(() -> nothingWaiting(base), Duration.ofMinutes(2), "the flow's queue drained");
        // a target's failure at a restart taken for a permanent one dead-letters the event: it reaches the other
        // target and never this one, which the row count alone would show as lost
        HttpResponse<String> deadLetters = get(base, "/api/flows/" + flowId + "/dead-letters?limit=20");
        assertThat(deadLetters.statusCode()).as(deadLetters.body()).isEqualTo(200);
        assertThat(deadLetters.body()).as("the flow's dead letters").contains("\"deadLetters\":[]");
        HttpResponse<String> undeployed = call(base, "finance", "/api/flows/" + flowId + "/undeploy",
                "application/json", "{\"deleteQueue\": true}");
        assertThat(undeployed.statusCode()).as(undeployed.body()).isEqualTo(200);
        sluice.close(); // an H2 target file is the jar's own while it runs
        long rows = target.count(null);
        System.out.printf("crash IT (%s): %d events, %d HTTP posts (%d distinct ids), %d rows in %.0f s%n",
                backend.name(), scenario.events(), httpPosts.get(), httpIds.size(), rows, seconds(started));
        assertThat(httpIds).as("every id reached the HTTP target").hasSize(scenario.events());
        assertThat(httpPosts.get()).isGreaterThanOrEqualTo(scenario.events());
        scenario.check().accept(target);
        target.drop();
    }

    /**
     * Nothing left to deliver: the flow's queue empty and no event waiting in its retry queues (a target that failed
     * at a restart is tried again after a delay; undeploying then, with the queues, would lose those events).
     */
    private boolean nothingWaiting(String base) {
        String status = status(base);
        return status.contains("\"queueDepth\":0") && status.contains("\"retrying\":0")
                && !status.contains("\"bootstrapping\":true");
    }

    /** The flow's status as JSON text, or empty while the jar does not answer. */
    private String status(String base) {
        try {
            HttpResponse<String> status = get(base, "/api/flows/" + flowId + "/status");
            return status.statusCode() == 200 ? status.body() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("finance:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private SluiceProcess start(Backend backend, int port, List<String> args) throws Exception {
        return SluiceProcess.start(backend.dataDir(), port, backend.amqpPort(), args, backend.environment(),
                backend.logName());
    }

    /**
     * The business system's database: on the embedded default an H2 file in the jar's data directory (the only H2
     * a connection may name), created here before the first start; on PostgreSQL a table of this run in the
     * {@code postgres} database (Sluice's own database is never a target).
     */
    private record TargetDb(String connectionUrl, String username, String driverUrl, String table) {


        static TargetDb h2File(Path dataDir) {
            return new TargetDb("jdbc:h2:file:crash", "sa",
                    "jdbc:h2:file:" + dataDir.resolve("targets").resolve("crash").toAbsolutePath(), "crash_events");
        }

        /** @param port where the jar reaches the server, or null for its own port */
        static TargetDb postgres(String sluiceDatabase, String table, Integer port) {
            String server = sluiceDatabase.replaceFirst("/[^/?]*(\\?.*)?$", "");
            String reached = port == null ? server : server.replaceFirst(":\\d+$", "") + ":" + port;
            return new TargetDb(reached + "/postgres",
                    System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME", "postgres"), server + "/postgres",
                    table);
        }

        void create(String columns) throws SQLException {
            execute("create table " + table + " (" + columns + ")");
        }

        /** Whether the jar holds the table's file while it runs (H2), so that only it may open it then. */
        boolean heldByTheJar() {
            return driverUrl.startsWith("jdbc:h2:");
        }

        /** Deletes every row, as a business system rebuilding its copy would; returns how many there were. */
        long empty() throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                return statement.executeUpdate("delete from " + table);
            }
        }

        void drop() throws SQLException {
            if (driverUrl.startsWith("jdbc:postgresql:")) {
                execute("drop table " + table);
                try {
                    execute("delete from sluice_row_versions where target_table = '" + table + "'");
                } catch (SQLException noVersionsKept) {
                    // the run wrote without a version
                }
            }
        }

        /** The converging copy: user_id → email and sequence number. */
        Map<String, ConvergingChanges.Row> users() {
            Map<String, ConvergingChanges.Row> rows = new java.util.TreeMap<>();
            try (Connection connection = connect();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select user_id, email, seq from " + table)) {
                while (result.next()) {
                    rows.put(result.getString(1), new ConvergingChanges.Row(result.getString(2), result.getLong(3)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        }

        long count(String where) {
            try (Connection connection = connect();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select count(*) from " + table
                         + (where == null ? "" : " where " + where))) {
                result.next();
                return result.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void execute(String sql) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection(driverUrl, username,
                    driverUrl.startsWith("jdbc:postgresql:")
                            ? System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", "") : "");
        }
    }

    private void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", SluiceProcess.freePort()), 0);
        hook.setExecutor(Executors.newFixedThreadPool(8));
        hook.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            double luck = flakyHook ? ThreadLocalRandom.current().nextDouble() : 1;
            if (luck < 0.03) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            if (luck < 0.035) {
                sleep(1_500); // past the flow's timeout: Sluice tries again, though this one arrived
            }
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

    /** Central registers this run's source and grants it to finance; finance imports and deploys the flow. */
    private long registerSourceAndDeploy(String base, TargetDb target, Scenario scenario) throws Exception {
        String types = "\"" + String.join("\", \"", scenario.types()) + "\"";
        HttpResponse<String> registered = call(base, "central", "/api/sources", "application/json", """
                {"name": "%s", "description": "crash test %s", "owner": "central-data", "eventTypes": [%s]}
                """.formatted(source, run, types));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> granted = call(base, "central", "/api/sources/" + source + "/grants",
                "application/json", "{\"workspace\": \"finance\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        HttpResponse<String> connection = call(base, "admin", "/api/workspaces/finance/connections",
                "application/json", """
                {"name": "crash-db", "kind": "jdbc", "url": "%s", "username": "%s"}""".formatted(
                        target.connectionUrl(), target.username()));
        assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
        String flow = """
                {"schemaVersion": 1, "name": "crash-%s", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "%s", "types": [%s]}},
                           {"id": "db", "kind": "target.jdbc", "config": {"connection": "crash-db",
                             "table": "%s", %s}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "hook", "kind": "target.http", "config": {"url": "http://127.0.0.1:%d/events",
                             %s}}],
                 "edges": [{"from": "in", "to": "db"}, {"from": "in", "to": "ids"}, {"from": "ids", "to": "hook"}]}
                """.formatted(run, source, types, target.table(), scenario.jdbcSettings(), hook.getAddress().getPort(),
                scenario.httpSettings());
        HttpResponse<String> created = call(base, "finance", "/api/flows/import", "application/json", flow);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher createdId = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
        assertThat(createdId.find()).isTrue();
        long id = Long.parseLong(createdId.group(1));
        HttpResponse<String> deployed = call(base, "finance", "/api/flows/" + id + "/deploy", "application/json",
                "{}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        return id;
    }

    /**
     * Publishes every event to the source's exchange, a batch per AMQP transaction (the embedded broker's store
     * then commits once per batch, where publisher confirms cost it a commit per event); when the connection drops
     * (the embedded broker dies with the engine) it connects again and publishes the uncommitted batch again.
     */
    private final class Publisher implements Runnable {

        private final ConnectionFactory factory = new ConnectionFactory();
        private final List<ConvergingChanges.Message> messages;
        /** How far the publisher may run ahead of the HTTP target, so that publishing goes on across all three kills. */
        private final int ahead;
        private volatile int published;
        private volatile Exception failure;

        Publisher(String uri, List<ConvergingChanges.Message> messages, int ahead) throws Exception {
            this.messages = messages;
            this.ahead = ahead;
            factory.setUri(uri);
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(2_000);
        }

        @Override
        public void run() {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .contentType("application/cloudevents+json").build();
            Instant lastCommit = Instant.now();
            while (published < messages.size()) {
                try (com.rabbitmq.client.Connection connection = factory.newConnection("crash-publisher");
                     Channel channel = connection.createChannel()) {
                    channel.txSelect();
                    while (published < messages.size()) {
                        while (published - httpIds.size() >= ahead) {
                            Thread.sleep(20);
                        }
                        int end = Math.min(messages.size(), published + BATCH);
                        for (int n = published; n < end; n++) {
                            channel.basicPublish(source, messages.get(n).type(), properties, messages.get(n).body());
                        }
                        channel.txCommit();
                        published = end;
                        lastCommit = Instant.now();
                    }
                } catch (IOException | TimeoutException | ShutdownSignalException e) {
                    if (Instant.now().isAfter(lastCommit.plus(Duration.ofMinutes(5)))) {
                        failure = e;
                        return;
                    }
                    sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    return;
                }
            }
        }
    }

    /** Whatever the run left on the shared RabbitMQ, should it have failed before undeploying. */
    private void deleteFromRabbitMq() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(externalAmqp);
        try (com.rabbitmq.client.Connection connection = factory.newConnection("crash-cleanup")) {
            List<String> queues = new ArrayList<>(List.of(queuePrefix + ".flow." + flowId,
                    queuePrefix + ".flow." + flowId + ".dead", queuePrefix + ".source." + source + ".recent"));
            for (String name : sourceNames) {
                for (String kept : List.of(".recent", ".latest", ".history")) {
                    queues.add(queuePrefix + ".source." + name + kept);
                }
            }
            queues.add(queuePrefix + ".flow." + flowId + ".bootstrap");
            for (int level = 0; level < RETRY_DELAYS.size(); level++) {
                queues.add(queuePrefix + ".flow." + flowId + ".retry." + level);
            }
            for (String queue : queues) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                } catch (IOException | ShutdownSignalException e) {
                    // not there
                }
            }
            try (Channel channel = connection.createChannel()) {
                channel.exchangeDelete(source);
            }
        }
    }

    private List<String> sourceNames(String base) throws IOException, InterruptedException {
        HttpResponse<String> sources = client.send(HttpRequest.newBuilder(URI.create(base + "/api/sources"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("central:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sources.statusCode()).as(sources.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(sources.body());
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
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

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
