package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.SluiceApplication;

/**
 * The browser's way in, over plain HTTP: the sign-in form needs the CSRF token of the page it came from, and the
 * session cookie stays on this site.
 */
@SpringBootTest(classes = SluiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo"})
class SignInPageIT {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("sluice-signin-page-");
        registry.add("sluice.data-dir", dataDir::toString);
        int amqpPort = freePort();
        registry.add("sluice.amqp.embedded.port", () -> amqpPort);
    }

    @LocalServerPort
    int port;

    HttpClient browser;

    @BeforeEach
    void freshBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    @Test
    void theSignInPageAndTheSignedInPagesCarryTheBrowserSecurityHeaders() throws Exception {
        HttpResponse<String> login = get("/login");
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        String token = csrf.group(1);
        post("/login", "username=finance&password=demo&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        for (HttpResponse<String> page : java.util.List.of(login, get("/workspaces/finance/flows"))) {
            assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString())
                    .hasValue(UiSecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
    }

    @Test
    void refusesASignInPostedWithoutTheCsrfTokenOfTheSignInPage() throws Exception {
        get("/login");

        HttpResponse<String> posted = post("/login", "username=finance&password=demo");

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).as("back to the form").endsWith("/login");
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).as("no session was signed in").isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void signsInWithTheTokenOfTheSignInPageOnACookieThatStaysOnThisSite() throws Exception {
        HttpResponse<String> page = get("/login");
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("the page carries its token for the form").isTrue();

        HttpResponse<String> posted = post("/login", "username=finance&password=demo&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).as("signed in: home").endsWith(":" + port + "/");
        assertThat(posted.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
    }

    /** In the whole application, beside Vaadin and its error page, the API's refusals keep their format. */
    @Test
    void apiRefusalsAreAnsweredInTheErrorFormatNeverAsAnEmpty403() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("finance:demo".getBytes(StandardCharsets.UTF_8));
        String auditor = "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> badParameter = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/audit?page=abc")).header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/me")).header("Authorization", basic).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownCharset = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/flows/dry-run")).header("Authorization", basic)
                .header("Content-Type", "application/json; charset=x-unknown")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(badParameter.statusCode()).as(badParameter.body()).isEqualTo(400);
        for (HttpResponse<String> refused : java.util.List.of(badParameter, wrongMethod, unknownCharset)) {
            assertThat(refused.body()).as(refused.uri() + " " + refused.statusCode()).startsWith("{\"errors\":[");
        }
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(unknownCharset.statusCode()).isEqualTo(415);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
