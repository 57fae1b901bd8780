package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A finance steward's flow sends a bank account, a national id and a phone number to its target unmasked: the
 * Problems tab groups the leaks by field and fixes them in a click (mask the account, remove the id), and the mask
 * node's field picker removes the phone; the flow is then valid and saves.
 */
class GuidedPrivacyJourneyIT {

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
    void leaksAreFixedFromTheProblemsTabAndTheMaskNodesFieldPicker() {
        long flow = unmaskedFlow();
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
            FlowEditorPage editor = FlowEditorPage.open(driver, sluice.baseUrl(), flow);
            editor.openTab("Problems");
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".leak-group")).size() == 3);
            assertThat(driver.findElements(By.cssSelector(group("$.data.nationalId") + " .leak-fix-mask")))
                    .as("finance may not receive a national id in any form: no mask offered").isEmpty();
            Browser.screenshot(driver, "leaks-grouped-with-fixes");

            click(driver, group("$.data.payment.bankAccount") + " .leak-fix-mask");
            editor.awaitNode("mask");
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".leak-group")).size() == 2);
            editor.openTab("Properties");
            Browser.waitFor(driver).until(d -> d.findElement(By.id("node-form-title")).getText().startsWith("mask "));
            assertThat(driver.findElements(By.cssSelector("#node-form .object-row"))).hasSize(1);

            ((JavascriptExecutor) driver).executeScript("document.getElementById('field-picker').opened = true;");
            click(driver, "#field-picker .source-field[data-path='$.data.contact.phone'] .picker-remove");
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector("#node-form .object-row")).size() == 2);

            editor.openTab("Problems");
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".leak-group")).size() == 1);
            click(driver, group("$.data.nationalId") + " .leak-fix-remove");
            editor.awaitValid();
            Browser.screenshot(driver, "leaks-fixed");

            editor.save("leaks fixed in the designer");
            editor.awaitVersion(2);
        } finally {
            driver.quit();
        }
    }

    private static String group(String field) {
        return ".leak-group[data-field='" + field + "']";
    }

    private static void click(WebDriver driver, String css) {
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement button = d.findElement(By.cssSelector(css));
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
            button.click();
            return true;
        });
    }

    /** The user's id, payment, national id and phone straight to the ledger, nothing masked. */
    private static long unmaskedFlow() {
        return api.importFlow("finance", """
                {"schemaVersion": 1, "name": "unmasked-ledger", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "split", "kind": "select", "config": {"paths": ["$.data.userId", "$.data.payment",
                             "$.data.nationalId", "$.data.contact.phone"]}},
                           {"id": "ledger", "kind": "target.log", "config": {"label": "ledger"}}],
                 "edges": [{"from": "users", "to": "split"}, {"from": "split", "to": "ledger"}]}""");
    }
}
