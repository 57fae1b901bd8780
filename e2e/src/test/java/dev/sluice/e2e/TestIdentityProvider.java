package dev.sluice.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real OpenID Connect identity provider for the sign-in journeys: Keycloak, from its distribution on Maven Central
 * (unpacked by the build into {@code target/keycloak}), in development mode on free ports, with the realm
 * {@code sluice} of {@code keycloak/sluice-realm.json}: the client {@code sluice}, the group
 * {@code sluice-finance-stewards} and its member {@code lena} (password {@code idp-pw}), groups in the tokens.
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String CLIENT_SECRET = "sluice-client-secret";

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestIdentityProvider(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak without waiting for it; {@link #awaitReady} waits. */
    static TestIdentityProvider start() throws IOException {
        String home = System.getProperty("keycloak.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + ": run the tests with Maven "
                    + "(the e2e module's pre-integration-test phase unpacks it)");
        }
        Path imports = Path.of(home, "data", "import");
        Files.createDirectories(imports);
        try (InputStream realm = TestIdentityProvider.class.getResourceAsStream("/keycloak/sluice-realm.json")) {
            Files.copy(realm, imports.resolve("sluice-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = SluiceProcess.freePort();
        Path log = Path.of("target", "keycloak.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(home, "bin", "kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + SluiceProcess.freePort(), "--import-realm"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "keycloak-admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "keycloak-admin-pw");
        return new TestIdentityProvider(builder.start(), port, log);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see " + log);
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/sluice";
    }

    /** The environment that points Sluice at this provider. */
    Map<String, String> sluiceEnvironment() {
        return Map.of("SLUICE_OIDC_ISSUER", issuer(), "SLUICE_OIDC_CLIENT_ID", "sluice",
                "SLUICE_OIDC_CLIENT_SECRET", CLIENT_SECRET, "SLUICE_OIDC_PROVIDER_NAME", "Corporate SSO");
    }

    /** An access token for {@code username}, issued to {@code clientId} (resource owner password grant). */
    String accessToken(String clientId, String secret, String username, String password)
            throws IOException, InterruptedException {
        String form = "grant_type=password&scope=openid&client_id=" + clientId + "&client_secret=" + secret
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token: " + response.body());
        }
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }
}
