package dev.sluice.e2e;

import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The flow list of a workspace ({@code /workspaces/<name>/flows}). */
final class FlowsPage {

    private final WebDriver driver;

    private FlowsPage(WebDriver driver) {
        this.driver = driver;
    }

    static FlowsPage open(WebDriver driver, String baseUrl, String workspace) {
        driver.get(baseUrl + "/workspaces/" + workspace + "/flows");
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("flows-title")));
        return new FlowsPage(driver);
    }

    FlowEditorPage create(String name) {
        WebElement field = driver.findElement(By.cssSelector("#new-flow-name input"));
        field.sendKeys(name);
        driver.findElement(By.id("create-flow")).click();
        return FlowEditorPage.of(driver);
    }

    /** Uploads a file through the import control and waits for the outcome. */
    void importFile(Path file) {
        WebElement upload = driver.findElement(By.id("import-flow"));
        WebElement input = (WebElement) ((JavascriptExecutor) driver).executeScript(
                "const u = arguments[0];"
                        + "return u.querySelector('input[type=file]')"
                        + " || (u.shadowRoot && u.shadowRoot.querySelector('input[type=file]'));", upload);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /** The ids of the nodes drawn as invalid on the graph of a refused import. */
    List<String> invalidNodesOnImportedGraph() {
        By invalid = By.cssSelector("#import-graph .sluice-node.mark-invalid");
        Browser.waitFor(driver).until(d -> !d.findElements(invalid).isEmpty());
        return driver.findElements(invalid).stream().map(node -> node.getDomAttribute("data-node-id")).toList();
    }

    List<String> importProblems() {
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("#import-problems li")).isEmpty());
        return driver.findElements(By.cssSelector("#import-problems li")).stream().map(WebElement::getText).toList();
    }
}
