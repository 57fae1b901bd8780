package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium. Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} when present,
 * so nothing is downloaded; elsewhere Selenium Manager finds or fetches a browser.
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
                "--window-size=1400,900");
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
            return new ChromeDriver(service, options);
        }
        return new ChromeDriver(options);
    }

    static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
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
