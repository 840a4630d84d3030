package io.helpdeskbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through Debian's chromedriver ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs both), headless, with a fresh profile and no
 * background traffic: this machine's network is closed, and Chromium would otherwise keep trying
 * to reach Google. Selenium gets both paths, so it never downloads a browser or a driver.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path DRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
  public static final Path BROWSER = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  /** Where screenshots go: CI keeps this folder as an artifact. */
  public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  /** Whether the browser test can run here (CI installs the packages, so there it always can). */
  public static boolean available() {
    return Files.isExecutable(DRIVER);
  }

  public HeadlessChromium() throws IOException {
    profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    if (Files.isExecutable(BROWSER)) options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--window-size=1280,1024", "--user-data-dir=" + profile);
    service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves the page as {@code target/console-screenshots/<name>.png} and returns the file. */
  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
