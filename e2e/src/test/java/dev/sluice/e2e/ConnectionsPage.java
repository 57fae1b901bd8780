package dev.sluice.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A workspace's connections ({@code /workspaces/<name>/connections}) and the dialog that adds one. */
final class ConnectionsPage {

    private final WebDriver driver;

    private ConnectionsPage(WebDriver driver) {
        this.driver = driver;
    }

    static ConnectionsPage open(WebDriver driver, String baseUrl, String workspace) {
        driver.get(baseUrl + "/workspaces/" + workspace + "/connections");
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("connections-title")));
        return new ConnectionsPage(driver);
    }

    String emptyState() {
        return driver.findElement(By.id("connections-empty")).getText();
    }

    void add() {
        driver.findElement(By.id("connection-add")).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-url")));
    }

    void chooseKind(String label) {
        Browser.choose(driver, "connection-kind", label);
    }

    /** Types into a dialog field ({@code name}, {@code url}…), then leaves it. */
    void type(String field, String value) {
        WebElement input = driver.findElement(By.cssSelector("#connection-" + field + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value, Keys.TAB);
    }

    void typeDescription(String text) {
        WebElement area = driver.findElement(By.cssSelector("#connection-description textarea"));
        area.sendKeys(text, Keys.TAB);
    }

    /** Adds a header whose value is text. */
    void addTextHeader(String name, String value) {
        By entries = By.cssSelector("#connection-headers .map-entry");
        int before = driver.findElements(entries).size();
        driver.findElement(By.cssSelector("#connection-headers .map-add")).click();
        Browser.waitFor(driver).until(d -> d.findElements(entries).size() > before);
        List<WebElement> rows = driver.findElements(entries);
        WebElement row = rows.getLast();
        row.findElement(By.cssSelector(".map-name input")).sendKeys(name, Keys.TAB);
        row.findElement(By.cssSelector(".map-text input")).sendKeys(value, Keys.TAB);
    }

    void save() {
        driver.findElement(By.id("connection-save")).click();
    }

    /** Waits until the field shows a problem, and returns it. */
    String problemAt(String field) {
        String id = "connection-" + field;
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const f = document.getElementById(arguments[0]); return !!f && !!f.invalid;", id)));
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "return document.getElementById(arguments[0]).errorMessage;", id));
    }

    /** Presses Test on a connection's row and waits for the outcome (the page polls for it); returns what it says. */
    String test(String name) {
        driver.findElement(By.cssSelector(".connection-test[data-connection='" + name + "']")).click();
        By result = By.id("connection-test-result");
        Browser.waitFor(driver).until(d -> List.of("reachable", "unreachable")
                .contains(d.findElement(result).getDomAttribute("data-state")));
        return driver.findElement(By.id("connection-test-status")).getText();
    }

    /** Waits until the dialog closed and the grid lists {@code name}; returns the grid's text. */
    String awaitListed(String name) {
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("connection-dialog")));
        Browser.waitFor(driver).until(d -> d.findElement(By.id("connections-grid")).getText().contains(name));
        return driver.findElement(By.id("connections-grid")).getText();
    }
}
