package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A steward moving off Apache EventMesh imports its filter and template, reads the notes and opens the flow. */
class EventMeshImportJourneyIT {

    private static SluiceProcess sluice;

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

    @Test
    void aStewardImportsEventMeshRulesSeesWhereSluiceDiffersAndOpensTheFlow() {
        WebDriver driver = Browser.open();
        try {
            Browser.viewport(driver, 1440, 900);
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowsPage.open(driver, sluice.baseUrl(), "finance");
            driver.findElement(By.id("import-eventmesh")).click();
            Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("eventmesh-dialog")));

            type(driver, "#eventmesh-name input", "users-from-eventmesh");
            type(driver, "#eventmesh-filter textarea", "{\"data\": {\"email\": [{\"exists\": false}]");
            Browser.choose(driver, "eventmesh-type", "template");
            Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#eventmesh-template textarea")));
            type(driver, "#eventmesh-value textarea", "{\"data-name\": \"$.data.name\"}");
            type(driver, "#eventmesh-template textarea", "Name: ${data-name}");
            driver.findElement(By.id("eventmesh-import")).click();

            Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return document.getElementById('eventmesh-filter').invalid;")));
            assertThat(errorOf(driver, "eventmesh-filter")).as("JSON that does not parse is shown at its field")
                    .contains("JSON");
            Browser.screenshot(driver, "eventmesh-import-problem");

            type(driver, "#eventmesh-filter textarea", "{\"data\": {\"email\": [{\"exists\": false}]}}");
            driver.findElement(By.id("eventmesh-import")).click();

            List<String> notes = Browser.waitFor(driver).until(d -> {
                List<WebElement> items = d.findElements(By.cssSelector("#eventmesh-notes li"));
                return items.isEmpty() ? null : items.stream().map(WebElement::getText).toList();
            });
            assertThat(notes).as("the note names the condition and what EventMesh did")
                    .anySatisfy(note -> assertThat(note).contains("$.filter.data.email", "exists"));
            Browser.screenshot(driver, "eventmesh-import-notes");

            driver.findElement(By.cssSelector("#eventmesh-open")).click();
            Browser.waitFor(driver).until(ExpectedConditions.urlMatches(".*/flows/\\d+$"));
            Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("eventmesh-dialog")));
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".react-flow__node")).size() == 4);
            assertThat(driver.findElements(By.cssSelector(".react-flow__node")))
                    .extracting(node -> node.getDomAttribute("data-id"))
                    .containsExactlyInAnyOrder("source", "filter", "transformer", "target");
            Browser.screenshot(driver, "eventmesh-imported-flow");
        } finally {
            driver.quit();
        }
    }

    private static void type(WebDriver driver, String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text, Keys.TAB);
    }

    private static String errorOf(WebDriver driver, String id) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById(arguments[0]).errorMessage;", id);
    }
}
