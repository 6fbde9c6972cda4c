package io.turnfleet.credentials.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver. A machine without them fails the test with
 * the command that installs them, rather than skipping it.
 */
public final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL_HINT = "apt-get install chromium chromium-driver";

  private Chromium() {}

  /** @param profile a fresh, empty directory for the browser's profile */
  public static ChromeDriver start(Path profile) {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError(BROWSER + " and " + DRIVER + " are needed for the browser test: " + INSTALL_HINT);
    }
    ChromeOptions options = new ChromeOptions()
        .setBinary(BROWSER.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // no --allow-loopback-in-peer-connection: relay candidates come from the TURN server,
            // so a relay on 127.0.0.1 works without it (and host candidates are never used here)
            "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(60))
        .build();
    return new ChromeDriver(service, options);
  }
}
