package dev.sluice.e2e;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Home after sign-in: the user's workspaces, the header with name and role, sign out. */
final class WorkspacesPage {

    private final WebDriver driver;

    private WorkspacesPage(WebDriver driver) {
        this.driver = driver;
    }

    static WorkspacesPage of(WebDriver driver) {
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user")));
        return new WorkspacesPage(driver);
    }

    String currentUser() {
        return driver.findElement(By.id("current-user")).getText();
    }

    String currentRole() {
        return driver.findElement(By.id("current-role")).getText();
    }

    List<String> workspaceCards() {
        return driver.findElements(By.cssSelector(".workspace-card")).stream()
                .map(card -> card.getDomAttribute("id"))
                .toList();
    }

    boolean showsWorkspace(String name) {
        return !driver.findElements(By.id("workspace-" + name)).isEmpty();
    }

    String navigationText() {
        return driver.findElement(By.id("workspace-nav")).getText() + "\n"
                + driver.findElement(By.tagName("vaadin-app-layout")).getText();
    }

    LoginPage signOut() {
        driver.findElement(By.id("sign-out")).click();
        return LoginPage.of(driver);
    }
}
