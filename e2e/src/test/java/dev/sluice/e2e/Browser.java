package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium with a 1440×900 viewport, the laptop screen the designer is judged at. Uses Debian's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} when present, so nothing is downloaded; elsewhere
 * Selenium Manager finds or fetches a browser.
 */
final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    static WebDriver open() {
        return open(null);
    }

    /** A browser that saves downloads into {@code downloads} without asking, or the default one when null. */
    static WebDriver open(Path downloads) {
        ChromeOptions options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,900");
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                    downloads.toAbsolutePath().toString(), "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
        }
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            options.setBinary(CHROMIUM.toString());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .build();
            return atLaptopSize(new ChromeDriver(service, options));
        }
        return atLaptopSize(new ChromeDriver(options));
    }

    /** The window's frame takes part of its size, so the viewport is set itself. */
    private static WebDriver atLaptopSize(WebDriver driver) {
        viewport(driver, 1440, 900);
        return driver;
    }

    /** Makes the page's viewport {@code width} × {@code height}, whatever the window's frame takes. */
    static void viewport(WebDriver driver, int width, int height) {
        ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * Waits up to 20 s; a condition that read an element Vaadin re-rendered meanwhile (a language switch, a refresh)
     * is asked again rather than failing the journey (CanvasJourneyIT once did, reading the tabs while they changed).
     */
    static WebDriverWait waitFor(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Picks the item labelled {@code label} in the {@code vaadin-select} with id {@code selectId}: opens it, then
     * presses the item (found by its text wherever the overlay renders it).
     */
    static void choose(WebDriver driver, String selectId, String label) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        driver.findElement(By.id(selectId)).click();
        String find = "const label = arguments[0];"
                + "const all = (root) => [...root.querySelectorAll('vaadin-select-item')].concat("
                + "  [...root.querySelectorAll('*')].filter(e => e.shadowRoot).flatMap(e => all(e.shadowRoot)));"
                + "return all(document).find(i => i.textContent.trim() === label) || null;";
        waitFor(driver).until(d -> js.executeScript(find, label) != null);
        WebElement item = (WebElement) js.executeScript(find, label);
        js.executeScript("arguments[0].click();", item);
        // closed, or gone with a page the choice reloads (the language)
        waitFor(driver).until(d -> !Boolean.TRUE.equals(js.executeScript(
                "const s = document.getElementById(arguments[0]); return s ? s.opened : null;", selectId)));
    }

    /** The rows the {@code vaadin-grid} with id {@code gridId} has rendered, each as its cells' text. */
    @SuppressWarnings("unchecked")
    static List<List<String>> gridRows(WebDriver driver, String gridId) {
        return (List<List<String>>) ((JavascriptExecutor) driver).executeScript("""
                const grid = document.getElementById(arguments[0]);
                if (!grid) { return []; }
                return [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(tr => !tr.hidden)
                    .map(tr => [...tr.querySelectorAll('td')].map(td => {
                        const slot = td.querySelector('slot');
                        const cell = slot && slot.assignedElements()[0];
                        return cell ? cell.textContent.trim() : '';
                    }))
                    .filter(row => row.some(text => text !== ''));
                """, gridId);
    }

    static Path screenshot(WebDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
