package dev.sluice.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The audit log ({@code /audit}): filters, the entry grid, an entry's dialog, CSV export and chain check. */
final class AuditPage {

    /** Column positions in the grid. */
    static final int ACTOR = 2;
    static final int WORKSPACE = 3;
    static final int ACTION = 4;
    static final int OBJECT = 5;

    private final WebDriver driver;

    private AuditPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens {@code /audit}, with {@code query} (e.g. {@code workspace=finance}) unless empty. */
    static AuditPage open(WebDriver driver, String baseUrl, String query) {
        driver.get(baseUrl + "/audit" + (query.isEmpty() ? "" : "?" + query));
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-title")));
        return new AuditPage(driver);
    }

    boolean refused() {
        return !driver.findElements(By.id("audit-refused")).isEmpty();
    }

    /** The text of the refusal of the filtered query, empty when none is shown. */
    String queryRefusal() {
        List<WebElement> refusal = driver.findElements(By.id("audit-query-refused"));
        return refusal.isEmpty() || !refusal.getFirst().isDisplayed() ? "" : refusal.getFirst().getText();
    }

    void filter(String field, String value) {
        WebElement input = driver.findElement(By.cssSelector("#filter-" + field + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value, Keys.TAB);
    }

    /** Applies the filters and waits until every shown row matches {@code shown}. */
    List<List<String>> apply(Predicate<List<String>> shown) {
        driver.findElement(By.id("apply-filters")).click();
        return awaitRows(shown);
    }

    /** Waits until the grid shows rows and all of them match {@code shown}. */
    List<List<String>> awaitRows(Predicate<List<String>> shown) {
        Browser.waitFor(driver).until(d -> {
            List<List<String>> rows = rows();
            return !rows.isEmpty() && rows.stream().allMatch(shown);
        });
        return rows();
    }

    /** The rows the grid has rendered, each as its cells' text. */
    List<List<String>> rows() {
        return Browser.gridRows(driver, "audit-grid");
    }

    /** Opens the dialog of the first shown entry whose action is {@code action}; returns its diff's text. */
    String openEntryDiff(String action) {
        WebElement cell = (WebElement) ((JavascriptExecutor) driver).executeScript("""
                const grid = document.getElementById('audit-grid');
                for (const tr of grid.shadowRoot.querySelectorAll('#items tr')) {
                    const cells = [...tr.querySelectorAll('td')].map(td => td.querySelector('slot').assignedElements()[0]);
                    if (cells[%d] && cells[%d].textContent.trim() === arguments[0]) { return cells[%d]; }
                }
                return null;
                """.formatted(ACTION, ACTION, ACTION), action);
        cell.click();
        return Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-entry-diff")))
                .getText();
    }

    void closeEntry() {
        driver.findElement(By.id("audit-entry-close")).click();
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("audit-entry-dialog")));
    }

    /** Clicks "Export CSV" and waits for {@code file} to be complete in the download folder. */
    Path exportCsv(Path downloads, String file) {
        driver.findElement(By.id("export-csv")).click();
        Path csv = downloads.resolve(file);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(csv)
                && !Files.exists(downloads.resolve(file + ".crdownload")));
        return csv;
    }

    /** The export's progress line once it reads as finished. */
    String awaitExportFinished() {
        Browser.waitFor(driver).until(ExpectedConditions.textMatches(By.id("export-status"),
                java.util.regex.Pattern.compile("^Exported .*")));
        return driver.findElement(By.id("export-status")).getText();
    }

    String verifyChain() {
        driver.findElement(By.id("verify-chain")).click();
        Browser.waitFor(driver).until(ExpectedConditions.textMatches(By.id("verify-result"),
                java.util.regex.Pattern.compile(".+")));
        return driver.findElement(By.id("verify-result")).getText();
    }

    String navigationText() {
        return driver.findElement(By.id("workspace-nav")).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }
}
