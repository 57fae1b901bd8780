package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core checks every main view, as a steward, an auditor and an admin see it, against WCAG 2.1 A and AA:
 * no serious or critical violation. Each violation is listed with the elements it was found on.
 */
class AccessibilityJourneyIT {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

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
    void theSignInPageAndAStewardsViewsHaveNoSeriousViolations() {
        long flow = api.flowId("finance", "finance", "finance-payment-sync");
        WebDriver driver = Browser.open();
        try {
            List<String> violations = new ArrayList<>();
            LoginPage login = LoginPage.open(driver, sluice.baseUrl());
            violations.addAll(check(driver, "sign-in"));
            login.signInExpectingSuccess("finance", "demo");
            violations.addAll(check(driver, "home"));
            violations.addAll(open(driver, "/workspaces/finance", "workspace"));
            violations.addAll(open(driver, "/workspaces/finance/flows", "flows"));
            violations.addAll(open(driver, "/sources", "sources"));
            violations.addAll(open(driver, "/sources/user-center.users", "source"));
            violations.addAll(open(driver, "/workspaces/finance/connections", "connections"));
            driver.get(sluice.baseUrl() + "/flows/" + flow);
            FlowEditorPage editor = FlowEditorPage.of(driver);
            violations.addAll(check(driver, "flow editor"));
            editor.selectNode("mask");
            violations.addAll(check(driver, "flow editor, mask node selected"));
            editor.openTab("Run");
            Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("flow-state")));
            violations.addAll(check(driver, "flow editor, run tab"));

            assertThat(violations).isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void anAuditorsAndAnAdminsViewsHaveNoSeriousViolations() {
        List<String> violations = new ArrayList<>();
        WebDriver driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("auditor", "demo");
            violations.addAll(open(driver, "/audit", "audit log"));
        } finally {
            driver.quit();
        }
        driver = Browser.open();
        try {
            LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("admin", "demo");
            violations.addAll(open(driver, "/admin", "administration"));
        } finally {
            driver.quit();
        }

        assertThat(violations).isEmpty();
    }

    private static List<String> open(WebDriver driver, String path, String view) {
        driver.get(sluice.baseUrl() + path);
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("h2, h1")).isEmpty());
        return check(driver, view);
    }

    /**
     * The one exception: Vaadin's {@code vaadin-tabs} keeps its tabs in a shadow scroller with {@code tabindex="-1"},
     * which axe counts as a child of the tablist; focus never lands there (the tabs use a roving tab index), and it is
     * the component's own markup, not ours.
     */
    private static boolean isTabsScroller(Rule rule, CheckedNode node) {
        return rule.getId().equals("aria-required-children") && String.valueOf(node.getTarget()).equals("[vaadin-tabs]")
                && node.getFailureSummary().contains("children which are not allowed: div[tabindex]");
    }

    /** The view's serious and critical violations, one line each: rule, impact, help and the elements. */
    private static List<String> check(WebDriver driver, String view) {
        Browser.waitFor(driver).until(d -> !d.findElements(By.tagName("vaadin-app-layout")).isEmpty()
                || !d.findElements(By.tagName("vaadin-login-form")).isEmpty());
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            List<String> nodes = rule.getNodes().stream().filter(node -> !isTabsScroller(rule, node))
                    .map(node -> node.getTarget() + " " + node.getFailureSummary()).toList();
            if (BLOCKING.contains(rule.getImpact()) && !nodes.isEmpty()) {
                found.add(view + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp() + " at "
                        + nodes.stream().limit(5).toList());
            }
        }
        return found;
    }
}
