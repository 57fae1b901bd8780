package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.WebDriver;

/**
 * A steward signs in to the packaged application, sees their workspace and signs out; a person of the corporate
 * directory, and one of the identity provider (Keycloak), sign in with the role the admin's group rule gives their
 * group, and lose it when the rule goes.
 */
class SignInJourneyIT {

    private static TestDirectory directory;
    private static TestIdentityProvider identityProvider;
    private static SluiceProcess sluice;
    private static SluiceApi api;
    private WebDriver driver;

    @BeforeAll
    static void startSluice() throws Exception {
        directory = TestDirectory.start();
        // Keycloak starts beside Sluice, which reads the provider's settings only at the first sign-in
        identityProvider = TestIdentityProvider.start();
        sluice = SluiceProcess.start(Files.createTempDirectory("sluice-e2e-"), SluiceProcess.freePort(),
                SluiceProcess.freePort(), directory.sluiceArguments(), identityProvider.sluiceEnvironment(),
                "sluice-e2e.log");
        identityProvider.awaitReady(Duration.ofMinutes(4));
        api = new SluiceApi(sluice.baseUrl());
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        driver = Browser.open();
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        Browser.screenshot(driver, test.getTestMethod().orElseThrow().getName());
        driver.quit();
    }

    @Test
    void financeStewardSignsInSeesTheFinanceWorkspaceAndSignsOut() {
        WorkspacesPage home = LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");

        assertThat(home.currentUser()).isEqualTo("Fang Finance");
        assertThat(home.currentRole()).isEqualTo("Steward in finance");
        assertThat(home.workspaceCards()).containsExactly("workspace-finance");
        assertThat(home.navigationText()).contains("Finance").doesNotContain("Customer service");
        Browser.screenshot(driver, "finance-home");

        LoginPage login = home.signOut();

        assertThat(driver.getCurrentUrl()).endsWith("/login");
        driver.get(sluice.baseUrl() + "/");
        LoginPage.of(driver);
        assertThat(driver.getCurrentUrl()).as("signed out: home asks to sign in again").endsWith("/login");
        assertThat(login).isNotNull();
    }

    @Test
    void aDirectoryUserGetsTheRoleOfTheirGroupsRuleAtSignInAndLosesItWhenTheRuleIsRemoved() throws Exception {
        directory.addMember("lars", "Lars Lund", "directory-pw", "sluice-finance-stewards");
        LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("admin", "demo");
        GroupRulesPage rules = GroupRulesPage.open(driver, sluice.baseUrl());
        assertThat(rules.showsEmptyState()).isTrue();
        assertThat(rules.addWithoutGroup()).isEqualTo("Name the directory group");

        rules.grantWorkspaceRole("sluice-finance-stewards", "finance", "steward");

        assertThat(rules.rows()).containsExactly("sluice-finance-stewards → Steward in finance");
        Browser.screenshot(driver, "admin-group-rules");
        WorkspacesPage lars = WorkspacesPage.of(driver).signOut().signInExpectingSuccess("lars", "directory-pw");
        assertThat(lars.currentUser()).isEqualTo("Lars Lund");
        assertThat(lars.currentRole()).isEqualTo("Steward in finance");
        assertThat(lars.workspaceCards()).containsExactly("workspace-finance");

        lars.signOut().signInExpectingSuccess("admin", "demo");
        rules = GroupRulesPage.open(driver, sluice.baseUrl());
        rules.removeRuleOf("sluice-finance-stewards");
        assertThat(rules.showsEmptyState()).isTrue();
        lars = WorkspacesPage.of(driver).signOut().signInExpectingSuccess("lars", "directory-pw");

        assertThat(lars.currentRole()).isEqualTo("No workspace yet");
        assertThat(lars.workspaceCards()).isEmpty();
    }

    @Test
    void aDirectoryPersonNamedLikeALocalAccountIsToldWhyTheyCannotSignIn() throws Exception {
        assertThat(api.call("admin", "POST", "/api/users", "{\"username\": \"lina\", \"password\": \"local-pw-1\"}")
                .statusCode()).isEqualTo(201);
        directory.addMember("lina", "Lina of the directory", "directory-pw", "sluice-others");
        LoginPage login = LoginPage.open(driver, sluice.baseUrl());

        login.signInAs("lina", "directory-pw");

        assertThat(login.showsError()).isTrue();
        assertThat(login.errorText()).contains("Sign-in refused")
                .contains("The name lina already signs in with a password kept here");
    }

    @Test
    void aPersonOfTheIdentityProviderSignsInThereGetsTheRoleOfTheirGroupAndCallsTheApiWithTheirToken()
            throws Exception {
        HttpResponse<String> rule = api.call("admin", "POST", "/api/group-rules",
                "{\"group\": \"sluice-finance-stewards\", \"workspace\": \"finance\", \"role\": \"steward\"}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        LoginPage login = LoginPage.open(driver, sluice.baseUrl());
        assertThat(login.providerLink()).isEqualTo("Sign in with Corporate SSO");
        Browser.screenshot(driver, "sign-in-with-provider");

        WorkspacesPage lena = login.signInWithProvider("lena", "idp-pw");

        assertThat(lena.currentUser()).isEqualTo("Lena Ledger");
        assertThat(lena.currentRole()).isEqualTo("Steward in finance");
        assertThat(lena.workspaceCards()).containsExactly("workspace-finance");
        String token = identityProvider.accessToken("sluice", TestIdentityProvider.CLIENT_SECRET, "lena", "idp-pw");
        HttpResponse<String> me = api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"lena\"").contains("\"role\":\"STEWARD\"");
        String othersToken = identityProvider.accessToken("reports", "reports-secret", "lena", "idp-pw");
        assertThat(api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + othersToken).statusCode())
                .as("a token the provider issued to another client").isEqualTo(401);
        assertThat(api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + token + "x").statusCode())
                .as("a token whose signature does not match").isEqualTo(401);

        long id = new ObjectMapper().readTree(rule.body()).path("id").asLong();
        assertThat(api.call("admin", "DELETE", "/api/group-rules/" + id, null).statusCode()).isEqualTo(204);
        lena = lena.signOut().signInWithProvider("lena", "idp-pw");

        assertThat(lena.currentRole()).as("the removed rule, at the next sign-in").isEqualTo("No workspace yet");
        assertThat(api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + token).body())
                .doesNotContain("finance");
        String audit = api.call("auditor", "GET", "/api/audit?actor=lena&size=50", null).body();
        assertThat(audit).contains("\"method\":\"oidc\"", "\"method\":\"bearer\"", "login.roles",
                "\"origin\":\"OIDC\"");
    }

    @Test
    void aStewardCreatesAnApiTokenCallsTheApiWithItAndRevokesIt() throws Exception {
        LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("viewer", "demo");
        ApiTokensPage tokens = ApiTokensPage.open(driver, sluice.baseUrl());
        assertThat(tokens.showsEmptyState()).isTrue();

        String secret = tokens.create("nightly export", "30 days");

        Browser.screenshot(driver, "api-token-created");
        assertThat(secret).startsWith("sluice_");
        assertThat(tokens.rows()).singleElement().satisfies(row -> assertThat(row.subList(0, 2))
                .containsExactly("nightly export", secret.substring(0, 11) + "…"));
        HttpResponse<String> me = api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + secret);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"viewer\"");
        long id = new ObjectMapper().readTree(api.call("viewer", "GET", "/api/me/tokens", null).body())
                .path("tokens").get(0).path("id").asLong();

        tokens.revoke(id);

        assertThat(tokens.rows().getFirst().get(4)).startsWith("revoked by viewer");
        assertThat(api.call(null, "GET", "/api/me", null, "Authorization", "Bearer " + secret).statusCode())
                .isEqualTo(401);
    }

    @Test
    void wrongPasswordShowsAnErrorAndStaysOnTheSignInPage() {
        LoginPage login = LoginPage.open(driver, sluice.baseUrl());

        login.signInAs("finance", "not-the-password");

        assertThat(login.showsError()).isTrue();
        assertThat(login.errorText()).contains("Wrong username or password");
        assertThat(driver.getCurrentUrl()).contains("/login");
    }
}
