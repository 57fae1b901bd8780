package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * No lost work, in Chromium: edits left behind come back as a draft, closing the tab asks while edits are unsaved,
 * and a node from the palette starts empty with its problems saying what is missing.
 */
class DraftsJourneyIT {

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
    void editsLeftBehindComeBackAsADraftAndReloadingAsksFirst() {
        WebDriver driver = Browser.open();
        try {
            Browser.viewport(driver, 1440, 900);
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowsPage.open(driver, sluice.baseUrl(), "finance").create("drafts-journey");
            String flowUrl = driver.getCurrentUrl();
            editor.selectNode("log");
            editor.setField("label", "kept-as-draft");
            editor.awaitUnsavedMarker();

            editor.leaveConfirming();
            driver.get(flowUrl);
            FlowEditorPage back = FlowEditorPage.of(driver);

            assertThat(back.draftNotice()).startsWith("Restored your unsaved changes from").contains("Discard draft");
            back.awaitUnsavedMarker();
            back.selectNode("log");
            assertThat(back.fieldValue("label")).isEqualTo("kept-as-draft");
            Browser.screenshot(driver, "drafts-restored");

            assertThat(((JavascriptExecutor) driver).executeScript("return !!window.sluiceUnsavedEdits;"))
                    .as("a beforeunload handler is set").isEqualTo(true);
            // ChromeDriver answers the browser's own beforeunload prompt by itself, so the journey checks what the
            // prompt depends on: a beforeunload event is cancelled (the browser then asks), then reloads anyway
            assertThat(((JavascriptExecutor) driver).executeScript(
                    "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
                            + " return e.defaultPrevented;")).as("the browser asks before reloading").isEqualTo(true);
            driver.navigate().refresh();
            FlowEditorPage reloaded = FlowEditorPage.of(driver);
            assertThat(reloaded.draftNotice()).as("nothing lost by confirming")
                    .startsWith("Restored your unsaved changes from");
        } finally {
            Browser.screenshot(driver, "drafts-journey-last");
            driver.quit();
        }
    }

    @Test
    void aNodeFromThePaletteStartsEmptyAndTheProblemsSayWhatIsMissing() {
        WebDriver driver = Browser.open();
        try {
            Browser.viewport(driver, 1440, 900);
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowsPage.open(driver, sluice.baseUrl(), "finance").create("empty-new-nodes");
            editor.selectNode("source");
            editor.addFromPalette("filter", "filter");
            editor.addFromPalette("mask", "mask");
            assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("#node-form .object-row")))
                    .as("no mask rule until one is added").isEmpty();
            editor.addFromPalette("target.http", "http");
            assertThat(editor.fieldValue("url")).isEmpty();
            assertThat(editor.fieldPlaceholder("url")).isEqualTo("https://ledger.internal/events");

            editor.awaitProblem("filter: choose a field and a value");
            assertThat(editor.problemList()).contains("mask: add at least one rule",
                    "http: URL is required (or choose a webhook connection)").doesNotContain("valid");
            assertThat(String.valueOf(((JavascriptExecutor) driver).executeScript(
                    "return document.body.innerText;"))).doesNotContain("user-pseudonym-key");
            Browser.screenshot(driver, "new-nodes-start-empty");

            editor.save("an unfinished flow");
            Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.id("save-refused")));
            Browser.screenshot(driver, "save-refused-kept-as-draft");
        } finally {
            driver.quit();
        }
    }
}
