package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A viewer of finance reads its flow in the designer and cannot change it; a page not theirs says so in the app. */
class ViewerJourneyIT {

    private static SluiceProcess sluice;
    private static SluiceApi api;

    @BeforeAll
    static void startSluice() throws Exception {
        sluice = SluiceProcess.start();
        api = new SluiceApi(sluice.baseUrl());
    }

    @AfterAll
    static void stopSluice() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aViewerReadsAFlowWithNoMeansToChangeItAndAnotherWorkspacesFlowIsNotThere() {
        long finance = api.flowId("finance", "finance", "finance-payment-sync");
        long service = api.flowId("service", "customer-service", "customer-service-contacts");
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("viewer", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, sluice.baseUrl(), finance);

            assertThat(driver.findElement(By.id("read-only-notice")).getText()).contains("Read only");
            assertThat(driver.findElements(By.cssSelector(".flow-palette"))).as("no palette").isEmpty();
            assertThat(driver.findElements(By.id("save-flow"))).as("no save").isEmpty();
            // where the node stands in the flow (its transform), not on screen: a drag may pan the view
            By maskNode = By.cssSelector(".react-flow__node[data-id='mask']");
            String before = driver.findElement(maskNode).getCssValue("transform");
            WebElement mask = driver.findElement(maskNode);
            new Actions(driver).dragAndDropBy(mask, 160, 60).perform();
            assertThat(driver.findElement(maskNode).getCssValue("transform")).as("nodes stay where they are")
                    .isEqualTo(before);

            editor.selectNode("mask");
            Object readOnly = ((JavascriptExecutor) driver).executeScript("""
                    const fields = [...document.querySelectorAll('#node-form [id^="field-"]')]
                        .filter(f => 'readonly' in f);
                    return fields.length > 0 && fields.every(f => f.readonly);""");
            assertThat(readOnly).as("every setting read-only").isEqualTo(true);
            Browser.screenshot(driver, "viewer-read-only-editor");

            driver.get(sluice.baseUrl() + "/flows/" + service);
            Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found")));
            assertThat(driver.findElement(By.id("not-found")).getText()).contains("Nothing here");
            assertThat(driver.findElements(By.id("not-found-home"))).hasSize(1);
            Browser.screenshot(driver, "not-found-in-the-app");
        } finally {
            driver.quit();
        }
    }
}
