package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;

/**
 * What an anonymous caller learns from the operations endpoints (nothing about workspaces), what the API answers
 * carry for the browser, and that the security chain's own refusals reach the audit log.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class ManagementSurfaceIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void metricsAreForPlatformAdminsOnly() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", "finance").status()).isEqualTo(403);
        Response admin = api.get("/actuator/prometheus", "admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void healthTellsAnonymousCallersTheStatusOnlyAndAdminsTheComponents() {
        Response anonymous = api.get("/actuator/health", null);
        Response admin = api.get("/actuator/health", "admin");

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).as(anonymous.body()).isFalse();
        assertThat(anonymous.body()).doesNotContain("broker", "db");
        assertThat(admin.json().path("components").path("broker").path("status").asText()).isEqualTo("UP");
        assertThat(admin.json().path("components").path("db").path("details").isEmpty()).isFalse();
    }

    @Test
    void recordsRequestsTheSecurityChainRefusesInTheAuditLog() {
        assertThat(api.get("/actuator/prometheus", "viewer").status()).isEqualTo(403);

        Response denials = api.get("/api/audit?action=request.denied&actor=viewer", "auditor");
        assertThat(denials.json().path("entries").findValuesAsText("objectId")).contains("GET /actuator/prometheus");
        assertThat(denials.json().path("entries").findValuesAsText("outcome")).containsOnly("DENIED");
    }

    @Test
    void apiAnswersTellTheBrowserNotToSniffFrameOrLeakTheReferrer() {
        Response me = api.get("/api/me", "finance");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(me.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(me.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(me.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
    }
}
