package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.WebDriver;

/** A steward signs in to the packaged application, sees their workspace and signs out. */
class SignInJourneyIT {

    private static SluiceProcess sluice;
    private WebDriver driver;

    @BeforeAll
    static void startSluice() throws Exception {
        sluice = SluiceProcess.start();
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
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
    void wrongPasswordShowsAnErrorAndStaysOnTheSignInPage() {
        LoginPage login = LoginPage.open(driver, sluice.baseUrl());

        login.signInAs("finance", "not-the-password");

        assertThat(login.showsError()).isTrue();
        assertThat(login.errorText()).contains("Wrong username or password");
        assertThat(driver.getCurrentUrl()).contains("/login");
    }
}
