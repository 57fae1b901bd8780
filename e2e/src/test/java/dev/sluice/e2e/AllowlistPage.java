package dev.sluice.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The connection allowlist on the administration page ({@code /admin}). */
final class AllowlistPage {

    private final WebDriver driver;

    private AllowlistPage(WebDriver driver) {
        this.driver = driver;
    }

    static AllowlistPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/admin");
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("allowlist")));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('allowlist').scrollIntoView();");
        return new AllowlistPage(driver);
    }

    /** Adds a row and types the entry and its note. */
    void add(String entry, String note) {
        By rows = By.cssSelector("#allowlist-entries .allowlist-row");
        int before = driver.findElements(rows).size();
        press(By.id("allowlist-add"));
        Browser.waitFor(driver).until(d -> d.findElements(rows).size() > before);
        WebElement row = driver.findElements(rows).getLast();
        row.findElement(By.cssSelector(".allowlist-entry input")).sendKeys(entry, Keys.TAB);
        row.findElement(By.cssSelector(".allowlist-note input")).sendKeys(note, Keys.TAB);
    }

    /** Replaces the text of the entry in row {@code index} (from 0). */
    void setEntry(int index, String entry) {
        WebElement input = driver.findElements(By.cssSelector("#allowlist-entries .allowlist-entry input")).get(index);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(entry, Keys.TAB);
    }

    void save() {
        press(By.id("allowlist-save"));
    }

    /** Scrolls a button to the middle of the page first: the allowlist ends below the fold. */
    private void press(By button) {
        WebElement element = driver.findElement(button);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Waits until the save is refused; returns the problems marked on the rows. */
    List<String> awaitRowProblems() {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("allowlist-error")));
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('allowlist-error').scrollIntoView({block: 'center'});");
        return driver.findElements(By.cssSelector("#allowlist-entries .allowlist-entry[invalid]")).stream()
                .map(field -> field.getDomProperty("errorMessage")).toList();
    }

    void awaitSaved() {
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("allowlist-error")));
        Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector("#allowlist-entries .allowlist-entry[invalid]"))
                .isEmpty());
    }
}
