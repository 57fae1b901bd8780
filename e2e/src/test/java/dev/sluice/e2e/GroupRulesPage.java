package dev.sluice.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The directory group rules on the administration page ({@code /admin}). */
final class GroupRulesPage {

    private final WebDriver driver;

    private GroupRulesPage(WebDriver driver) {
        this.driver = driver;
    }

    static GroupRulesPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/admin");
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("group-rules")));
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('group-rules').scrollIntoView({block: 'center'});");
        return new GroupRulesPage(driver);
    }

    /** Adds a rule giving members of {@code group} {@code roleLabel} (as the select shows it) in {@code workspace}. */
    void grantWorkspaceRole(String group, String workspace, String roleLabel) {
        int before = rows().size();
        WebElement field = driver.findElement(By.cssSelector("#group-rule-group input"));
        field.clear();
        field.sendKeys(group);
        Browser.choose(driver, "group-rule-workspace", workspace);
        Browser.choose(driver, "group-rule-role", roleLabel);
        driver.findElement(By.id("group-rule-add")).click();
        Browser.waitFor(driver).until(d -> rows().size() > before);
    }

    /** Presses Add with the group left empty; returns the message shown at the group field. */
    String addWithoutGroup() {
        driver.findElement(By.id("group-rule-add")).click();
        WebElement field = driver.findElement(By.id("group-rule-group"));
        Browser.waitFor(driver).until(d -> field.getDomAttribute("invalid") != null);
        return field.getDomProperty("errorMessage");
    }

    void removeRuleOf(String group) {
        int before = rows().size();
        WebElement remove = (WebElement) ((JavascriptExecutor) driver).executeScript("""
                const grid = document.getElementById('group-rules-grid');
                for (const tr of grid.shadowRoot.querySelectorAll('#items tr')) {
                    const cells = [...tr.querySelectorAll('td')].map(td => td.querySelector('slot').assignedElements()[0]);
                    if (cells[0] && cells[0].textContent.trim() === arguments[0]) {
                        return cells[cells.length - 1].querySelector('vaadin-button');
                    }
                }
                return null;
                """, group);
        remove.click();
        Browser.waitFor(driver).until(d -> rows().size() < before);
    }

    /** Each rule shown, as "group → what it grants". */
    List<String> rows() {
        // Vaadin leaves a hidden component out of the page
        if (driver.findElements(By.id("group-rules-grid")).stream().noneMatch(WebElement::isDisplayed)) {
            return List.of();
        }
        return Browser.gridRows(driver, "group-rules-grid").stream().map(row -> row.get(0) + " → " + row.get(1))
                .toList();
    }

    boolean showsEmptyState() {
        return driver.findElements(By.id("group-rules-empty")).stream().anyMatch(WebElement::isDisplayed);
    }
}
