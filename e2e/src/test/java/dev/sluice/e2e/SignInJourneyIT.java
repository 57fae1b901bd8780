package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.WebDriver;

/**
 * A steward signs in to the packaged application, sees their workspace and signs out; a person of the corporate
 * directory signs in with the role the admin's group rule gives their group, and loses it when the rule goes.
 */
class SignInJourneyIT {

    private static TestDirectory directory;
    private static SluiceProcess sluice;
    private WebDriver driver;

    @BeforeAll
    static void startSluice() throws Exception {
        directory = TestDirectory.start();
        sluice = SluiceProcess.start(Files.createTempDirectory("sluice-e2e-"), SluiceProcess.freePort(),
                SluiceProcess.freePort(), directory.sluiceArguments(), "sluice-e2e.log");
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (directory != null) {
            directory.close();
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
        directory.addMember("lena", "Lena Ledger", "directory-pw", "sluice-finance-stewards");
        LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("admin", "demo");
        GroupRulesPage rules = GroupRulesPage.open(driver, sluice.baseUrl());
        assertThat(rules.showsEmptyState()).isTrue();
        assertThat(rules.addWithoutGroup()).isEqualTo("Name the directory group");

        rules.grantWorkspaceRole("sluice-finance-stewards", "finance", "steward");

        assertThat(rules.rows()).containsExactly("sluice-finance-stewards → Steward in finance");
        Browser.screenshot(driver, "admin-group-rules");
        WorkspacesPage lena = WorkspacesPage.of(driver).signOut().signInExpectingSuccess("lena", "directory-pw");
        assertThat(lena.currentUser()).isEqualTo("Lena Ledger");
        assertThat(lena.currentRole()).isEqualTo("Steward in finance");
        assertThat(lena.workspaceCards()).containsExactly("workspace-finance");

        lena.signOut().signInExpectingSuccess("admin", "demo");
        rules = GroupRulesPage.open(driver, sluice.baseUrl());
        rules.removeRuleOf("sluice-finance-stewards");
        assertThat(rules.showsEmptyState()).isTrue();
        lena = WorkspacesPage.of(driver).signOut().signInExpectingSuccess("lena", "directory-pw");

        assertThat(lena.currentRole()).isEqualTo("No workspace yet");
        assertThat(lena.workspaceCards()).isEmpty();
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
