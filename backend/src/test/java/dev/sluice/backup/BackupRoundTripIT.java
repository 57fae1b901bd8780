package dev.sluice.backup;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.cli.AdminCommand;
import dev.sluice.platform.FreePort;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * {@code admin export} of an embedded-default installation, {@code admin import} into a new database (PostgreSQL
 * when CI names one, another embedded one otherwise): users sign in with their passwords, flows keep every version
 * and the deployed one runs again, group rules hold, secrets are listed to re-enter, and the imported audit log
 * verifies with the import recorded after it. A second import, and an edited audit archive, are refused.
 */
class BackupRoundTripIT {

    @TempDir
    Path dir;

    @Test
    void anEmbeddedInstallationMovesToANewDatabaseWhereItsFlowsRunAndItsAuditLogVerifies() throws Exception {
        Path source = dir.resolve("source");
        long deployedFlow;
        long draftFlow;
        long auditEntries;
        try (ConfigurableApplicationContext sluice = start("--sluice.data-dir=" + source,
                "--sluice.amqp.embedded.port=" + FreePort.find())) {
            ApiCalls api = api(sluice);
            WorkspaceAdministration administration = sluice.getBean(WorkspaceAdministration.class);
            administration.createUser("fin-owner", "Finance owner", "owner-password", null);
            administration.addMember("fin-owner", "finance", WorkspaceRole.OWNER);
            assertThat(api.call("POST", "/api/workspaces/finance/secrets", "fin-owner:owner-password",
                    "{\"name\": \"warehouse-password\", \"value\": \"s3cret\"}").status()).isEqualTo(201);
            assertThat(api.call("POST", "/api/group-rules", "admin", "{\"group\": \"sluice-finance-stewards\", "
                    + "\"workspace\": \"finance\", \"role\": \"steward\"}").status()).isEqualTo(201);
            deployedFlow = importFlow(api, "moved-and-running");
            String etag = api.get("/api/flows/" + deployedFlow, "finance").header("ETag");
            assertThat(api.call("PUT", "/api/flows/" + deployedFlow, "finance",
                    ApiCalls.flow("moved-and-running", "finance", "user.profile.updated"), "If-Match", etag)
                    .status()).isEqualTo(200);
            assertThat(api.call("POST", "/api/flows/" + deployedFlow + "/deploy", "finance", "{}").status())
                    .isEqualTo(200);
            draftFlow = importFlow(api, "moved-as-a-draft");
            auditEntries = api.get("/api/audit/verify", "auditor").json().path("entries").asLong();
        }

        Path backup = dir.resolve("backup.json");
        Path audit = dir.resolve("audit.json");
        Run export = admin("export", backup.toString(), "--audit", audit.toString(), "--sluice.data-dir=" + source);
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("to " + backup)
                .contains("enter them again after import: finance/warehouse-password")
                .contains("exported the audit log: " + auditEntries + " entries");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        assertThat(Files.readString(backup)).doesNotContain("s3cret");

        List<String> target = newDatabase(dir.resolve("target"));
        Run imported = admin(concat(List.of("import", backup.toString(), "--audit", audit.toString()), target));
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported the audit log: " + auditEntries + " entries, its chain verified")
                .contains("enter these secrets again (workspace/name), under each workspace's Secrets: "
                        + "finance/warehouse-password")
                .contains("audit chain verified: " + (auditEntries + 1) + " entries");
        Run again = admin(concat(List.of("import", backup.toString(), "--audit", audit.toString()), target));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("refused: The audit log here already holds");

        try (ConfigurableApplicationContext sluice = start(concat(target, List.of(
                "--sluice.amqp.embedded.port=" + FreePort.find())).toArray(String[]::new))) {
            ApiCalls api = api(sluice);
            assertThat(api.get("/api/me", "fin-owner:owner-password").status()).as("a password carried over")
                    .isEqualTo(200);
            assertThat(api.get("/api/flows/" + deployedFlow, "finance").json().path("latestVersion").asInt())
                    .isEqualTo(2);
            await(() -> api.get("/api/flows/" + deployedFlow + "/status", "finance").json().path("instance")
                    .path("state").asText().equals("running"), Duration.ofSeconds(60), "the deployed flow runs again");
            assertThat(api.call("POST", "/api/flows/" + draftFlow + "/deploy", "finance", "{}").status())
                    .isEqualTo(200);
            await(() -> api.get("/api/flows/" + draftFlow + "/status", "finance").json().path("instance")
                    .path("state").asText().equals("running"), Duration.ofSeconds(60), "the draft deploys");
            assertThat(api.get("/api/group-rules", "admin").body()).contains("sluice-finance-stewards");
            assertThat(api.get("/api/workspaces/finance/secrets", "fin-owner:owner-password").json()
                    .path("secrets")).isEmpty();
            JsonNode verified = api.get("/api/audit/verify", "auditor").json();
            assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
            assertThat(api.get("/api/audit?action=admin.import", "auditor").json().path("entries")).hasSize(1);
            Response created = api.call("POST", "/api/workspaces", "admin", "{\"name\": \"after-the-move\"}");
            assertThat(created.status()).as("ids continue after the imported ones").isEqualTo(201);
        }
    }

    @Test
    void anEditedAuditArchiveIsRefusedWhole() throws Exception {
        Path source = dir.resolve("source");
        try (ConfigurableApplicationContext sluice = start("--sluice.data-dir=" + source,
                "--sluice.amqp.embedded.port=" + FreePort.find())) {
            importFlow(api(sluice), "leaves-a-trace");
        }
        Path audit = dir.resolve("audit.json");
        assertThat(admin("export", dir.resolve("backup.json").toString(), "--audit", audit.toString(),
                "--sluice.data-dir=" + source).code()).isZero();
        Files.writeString(audit, Files.readString(audit).replaceFirst("\"actor\":\"finance\"",
                "\"actor\":\"someone-else\""));

        Run imported = admin(concat(List.of("import", dir.resolve("backup.json").toString(), "--audit",
                audit.toString()), newDatabase(dir.resolve("target"))));

        assertThat(imported.code()).isEqualTo(1);
        assertThat(imported.err()).contains("refused: the archive's chain does not verify at entry")
                .contains("its content does not match its hash");
    }

    private static ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of(settings));
        arguments.addAll(List.of("--server.port=0", "--sluice.demo.enabled=true", "--sluice.demo.password=demo-it"));
        return new SpringApplicationBuilder(TestApplication.class).run(arguments.toArray(String[]::new));
    }

    private static ApiCalls api(ConfigurableApplicationContext sluice) {
        return new ApiCalls(((WebServerApplicationContext) sluice).getWebServer().getPort(), "demo-it");
    }

    private static long importFlow(ApiCalls api, String name) {
        Response imported = api.call("POST", "/api/flows/import", "finance",
                ApiCalls.flow(name, "finance", "user.profile.updated"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return imported.json().path("id").asLong();
    }

    /** The settings of an empty database: a schema of its own on CI's PostgreSQL and RabbitMQ, or embedded. */
    private static List<String> newDatabase(Path embedded) {
        if (System.getenv(TestBackends.EXTERNAL) == null) {
            return List.of("--sluice.data-dir=" + embedded);
        }
        String schema = "sluice_backup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getenv(TestBackends.EXTERNAL);
        return List.of("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_USERNAME",
                        "postgres"),
                "--spring.datasource.password=" + System.getenv().getOrDefault("SLUICE_IT_DATASOURCE_PASSWORD", ""),
                "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
                "--sluice.data-dir=" + embedded,
                "--sluice.amqp.uri=" + System.getenv("SLUICE_IT_AMQP_URI"),
                "--sluice.engine.queue-prefix=it-" + schema.substring("sluice_backup_".length()));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run admin(List<String> arguments) {
        return admin(arguments.toArray(String[]::new));
    }

    private static Run admin(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("admin"));
        command.addAll(List.of(arguments));
        int code = new AdminCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(command.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
