package dev.sluice.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sign-in page ({@code /login}). */
final class LoginPage {

    private final WebDriver driver;

    private LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    static LoginPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/login");
        return new LoginPage(driver).awaitShown();
    }

    static LoginPage of(WebDriver driver) {
        return new LoginPage(driver).awaitShown();
    }

    private LoginPage awaitShown() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#vaadinLoginUsername input")));
        return this;
    }

    void signInAs(String username, String password) {
        WebElement user = driver.findElement(By.cssSelector("#vaadinLoginUsername input"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.cssSelector("#vaadinLoginPassword input"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    /** The "Sign in with …" link's text. */
    String providerLink() {
        return driver.findElement(By.id("sign-in-with-provider")).getText();
    }

    /**
     * Follows "Sign in with …" and signs in on the identity provider's own page (Keycloak's), unless the provider
     * still holds a session and sends the browser straight back.
     */
    WorkspacesPage signInWithProvider(String username, String password) {
        driver.findElement(By.id("sign-in-with-provider")).click();
        Browser.waitFor(driver).until(d -> !d.findElements(By.id("kc-login")).isEmpty()
                || !d.findElements(By.id("current-user")).isEmpty());
        if (!driver.findElements(By.id("kc-login")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            Browser.screenshot(driver, "identity-provider-sign-in");
            driver.findElement(By.id("kc-login")).click();
        }
        return WorkspacesPage.of(driver);
    }

    WorkspacesPage signInExpectingSuccess(String username, String password) {
        signInAs(username, password);
        return WorkspacesPage.of(driver);
    }

    /** True once the form shows its "wrong username or password" message. */
    boolean showsError() {
        // read in one script: the page reloads after a failed sign-in, so a held element goes stale
        String shows = "const form = document.querySelector('vaadin-login-form');"
                + "return !!form && form.hasAttribute('error');";
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript(shows)));
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(shows));
    }

    String errorText() {
        return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const form = document.querySelector('vaadin-login-form');"
                        + "const wrapper = form.shadowRoot.querySelector('vaadin-login-form-wrapper') || form;"
                        + "const root = wrapper.shadowRoot || wrapper;"
                        + "const part = root.querySelector('[part=error-message]');"
                        + "return part ? part.innerText : '';");
    }
}
