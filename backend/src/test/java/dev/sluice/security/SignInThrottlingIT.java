package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.workspace.WorkspaceAdministration;

/**
 * Guessing passwords over HTTP Basic: a user, or an address, that fails too often in a row is refused for a
 * while, even with the right password, and told for how long. Each test comes from an address of its own
 * ({@code X-Forwarded-For}, trusted from loopback as behind a proxy), so their counts never meet.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it",
                "server.forward-headers-strategy=native",
                "sluice.sign-in.max-failures-per-user=3", "sluice.sign-in.max-failures-per-address=5",
                "sluice.sign-in.first-refusal=2s"})
class SignInThrottlingIT {

    private static final AtomicInteger addresses = new AtomicInteger(10);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceAdministration administration;

    ApiCalls api;
    String address;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
        address = "203.0.113." + addresses.incrementAndGet();
    }

    @Test
    void refusesAUserAfterThreeFailuresEvenWithTheRightPasswordAndSaysWhenToTryAgain() throws Exception {
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(user, "wrong").status()).isEqualTo(401);
        }

        Response refused = signIn(user, "demo-it");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.json().path("errors").get(0).path("message").asText())
                .isEqualTo("Too many failed sign-ins; try again in 2 s");
        assertThat(signIn("finance", "demo-it").status()).as("other users from the same address").isEqualTo(200);
        Thread.sleep(2_100);
        assertThat(signIn(user, "demo-it").status()).as("once the delay has passed").isEqualTo(200);
    }

    @Test
    void doublesTheDelayWhenTheUserFailsAgainAfterALockout() throws Exception {
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            signIn(user, "wrong");
        }
        Thread.sleep(2_100);

        assertThat(signIn(user, "wrong").status()).as("one more failure, counted").isEqualTo(401);
        Response refused = signIn(user, "demo-it");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isIn("4", "3");
    }

    @Test
    void refusesAnAddressThatFailsForManyUsers() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(ApiCalls.unique("nobody"), "wrong").status()).isEqualTo(401);
        }

        Response refused = signIn("finance", "demo-it");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-ins; try again in 2 s");
    }

    @Test
    void recordsTheLockoutOnceInTheAuditLogBesideEachFailure() {
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            signIn(user, "wrong");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user, "wrong").status()).isEqualTo(429);
        }

        Response log = api.get("/api/audit?action=login*&actor=" + user, "auditor");
        assertThat(log.json().path("entries")).extracting(e -> e.path("action").asText(), e -> e.path("outcome").asText(),
                        e -> e.path("details").path("address").asText())
                .containsExactlyInAnyOrder(tuple("login.throttled", "DENIED", address),
                        tuple("login", "FAILURE", address), tuple("login", "FAILURE", address),
                        tuple("login", "FAILURE", address));
    }

    private String newUser() {
        String user = ApiCalls.unique("guessed");
        administration.createUser(user, "Guessed", "demo-it", null);
        return user;
    }

    private Response signIn(String user, String password) {
        return api.call("GET", "/api/me", user + ":" + password, null, "X-Forwarded-For", address);
    }
}
