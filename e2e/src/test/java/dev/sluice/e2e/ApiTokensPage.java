package dev.sluice.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A user's personal API tokens ({@code /tokens}). */
final class ApiTokensPage {

    private final WebDriver driver;

    private ApiTokensPage(WebDriver driver) {
        this.driver = driver;
    }

    static ApiTokensPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/tokens");
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("tokens-title")));
        return new ApiTokensPage(driver);
    }

    boolean showsEmptyState() {
        return driver.findElements(By.id("tokens-empty")).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Creates a token named {@code name} valid for {@code lifetime} (as the select shows it); returns its secret. */
    String create(String name, String lifetime) {
        driver.findElement(By.cssSelector("#token-name input")).sendKeys(name);
        Browser.choose(driver, "token-lifetime", lifetime);
        driver.findElement(By.id("token-create")).click();
        WebElement secret = Browser.waitFor(driver).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-token-secret input")));
        return secret.getDomProperty("value");
    }

    /** My tokens' rows: name, start, created, last used, state. */
    List<List<String>> rows() {
        return Browser.gridRows(driver, "my-tokens");
    }

    void revoke(long id) {
        driver.findElement(By.id("revoke-" + id)).click();
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("revoke-" + id)));
    }
}
