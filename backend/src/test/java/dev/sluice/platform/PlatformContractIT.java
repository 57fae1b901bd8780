package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.TestApplication;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.source.SourceCatalog;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every backend pair (embedded H2 + embedded broker, PostgreSQL + RabbitMQ) must do the same way.
 * Subclasses pick the pair.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
abstract class PlatformContractIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAdministration administration;

    @Autowired
    SourceCatalog sources;

    @Autowired
    BrokerConnection broker;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void seedsTheDemoWorkspacesSourceAndUsersOnFirstStart() {
        UserProfile finance = workspaces.profile("finance");

        assertThat(finance.workspaces()).extracting(WorkspaceAccess::workspace, WorkspaceAccess::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("finance", WorkspaceRole.STEWARD));
        assertThat(workspaces.profile("admin").platformRole()).isEqualTo(PlatformRole.ADMIN);
        assertThat(workspaces.profile("auditor").platformRole()).isEqualTo(PlatformRole.AUDITOR);
        assertThat(workspaces.profile("viewer").workspaces()).extracting(WorkspaceAccess::role)
                .containsExactly(WorkspaceRole.VIEWER);
        assertThat(sources.find("user-center.users")).hasValueSatisfying(source -> {
            assertThat(source.getOwner().getName()).isEqualTo("central-data");
            assertThat(source.getSubscribers()).extracting(w -> w.getName())
                    .containsExactlyInAnyOrder("finance", "customer-service");
            assertThat(source.getEventTypes()).contains("user.created", "user.payment.updated");
        });
    }

    @Test
    void theDemoUsersShareOneHashOfTheirOnePasswordSoTheFirstStartPaysForOneBcrypt() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var hashes = statement.executeQuery("select count(distinct password_hash), count(*) from users where "
                     + "username in ('admin', 'auditor', 'central', 'finance', 'service', 'viewer')")) {
            hashes.next();
            assertThat(hashes.getInt(2)).isEqualTo(6);
            assertThat(hashes.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void storesAndReadsBackWorkspacesAndMemberships() {
        String name = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        administration.createWorkspace(name, "Test " + name, "created by a test");
        administration.createUser(name + "-owner", "Owner", "pw", null);
        administration.addMember(name + "-owner", name, WorkspaceRole.OWNER);

        UserProfile owner = workspaces.profile(name + "-owner");

        assertThat(owner.workspaces()).singleElement().satisfies(access -> {
            assertThat(access.workspace()).isEqualTo(name);
            assertThat(access.displayName()).isEqualTo("Test " + name);
            assertThat(access.role()).isEqualTo(WorkspaceRole.OWNER);
        });
    }

    @Test
    void reportsHealthUpWithDatabaseAndBrokerToAdmins() throws Exception {
        HttpResponse<String> response = get("/actuator/health", "admin:demo-it");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JsonMapper.shared().readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("broker").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsToAdmins() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", "admin:demo-it");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void publishesTheApiAsOpenApi() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = JsonMapper.shared().readTree(response.body());
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.path("paths").has("/api/flows/dry-run")).isTrue();
        assertThat(api.path("paths").has("/api/sources/{name}/events")).isTrue();
    }

    @Test
    void acceptsHttpBasicForTheApiAndRefusesAWrongPassword() throws Exception {
        HttpResponse<String> me = get("/api/me", "finance:demo-it");
        HttpResponse<String> wrong = get("/api/me", "finance:wrong");
        HttpResponse<String> anonymous = get("/api/me", null);

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode profile = JsonMapper.shared().readTree(me.body());
        assertThat(profile.path("username").asString()).isEqualTo("finance");
        assertThat(profile.path("workspaces").get(0).path("workspace").asString()).isEqualTo("finance");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void storesPasswordsOnlyAsBcryptHashes() {
        assertThat(administration.createUser("hash-" + UUID.randomUUID(), "H", "secret", null))
                .extracting(u -> u.getUsername()).isNotNull();
        // the hash is package-private on purpose; the API never shows it
        assertThat(workspaces.profile("finance").toString()).doesNotContain("demo-it");
    }

    @Test
    void routesPublishedEventsThroughADurableTopicExchangeWithConfirmsAndManualAck() throws Exception {
        String exchange = "it.exchange." + UUID.randomUUID();
        String queue = "it.queue." + UUID.randomUUID();
        try (Channel channel = broker.openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, "user.*");
            channel.confirmSelect();

            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2).messageId("e1").headers(Map.of("attempt", 1)).build();
            channel.basicPublish(exchange, "user.created", true, persistent, "{\"id\":\"e1\"}".getBytes());
            // not mandatory: Qpid nacks an unroutable mandatory publish where RabbitMQ returns and acks it
            channel.basicPublish(exchange, "order.created", false, persistent, "{\"id\":\"e2\"}".getBytes());
            channel.waitForConfirmsOrDie(10_000);

            BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
            channel.basicQos(5);
            DeliverCallback onDelivery = (tag, delivery) -> {
                // reject the first delivery to see it come back, then ack
                if (!delivery.getEnvelope().isRedeliver()) {
                    channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, true);
                } else {
                    received.add(delivery.getProperties().getMessageId() + ":" + new String(delivery.getBody()));
                    channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                }
            };
            channel.basicConsume(queue, false, onDelivery, tag -> { });

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("e1:{\"id\":\"e1\"}");
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        }
    }

    @Test
    void theHistoryTakesItsNumbersFromACacheOnlyOnH2WhereTheyStayInPublishOrder() throws Exception {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        boolean h2;
        try (java.sql.Connection connection = dataSource.getConnection()) {
            h2 = "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        }

        Long cache = h2
                ? jdbc.queryForObject("select identity_cache from information_schema.columns where table_schema = "
                        + "current_schema and table_name = 'SOURCE_HISTORY' and column_name = 'SEQ'", Long.class)
                : jdbc.queryForObject("select cache_size from pg_sequences where schemaname = current_schema() and "
                        + "sequencename = 'source_history_seq_seq'", Long.class);

        assertThat(cache).isEqualTo(h2 ? 10_000L : 1L);
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
