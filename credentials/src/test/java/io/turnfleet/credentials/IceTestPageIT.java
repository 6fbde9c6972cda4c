package io.turnfleet.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.credentials.it.Chromium;
import io.turnfleet.credentials.it.RelayProcess;
import io.turnfleet.credentials.it.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The test page in real headless Chromium, against the running credential service and a real relay
 * process: it fetches ICE servers, gathers relay candidates from each URI and opens a data channel
 * between two relay-only peer connections, which only works through the relay.
 */
class IceTestPageIT {
  private static final String RELAYED = "turnfleet_relayed_packets_total{direction=\"client_to_peer\"}";

  @TempDir
  Path work;

  @Test
  @SuppressWarnings("unchecked")
  void thePageGathersRelayCandidatesAndCallsThroughTheRelay() throws Exception {
    Path secrets = Files.createDirectories(work.resolve("secret"));
    Files.writeString(secrets.resolve("current"), "test-page-shared-secret");
    try (RelayProcess relay = RelayProcess.start(secrets, work);
         ServiceUnderTest service = ServiceUnderTest.start(secrets, work,
             "{\"relays\":[{\"name\":\"local\",\"ready\":true,\"draining\":false,\"load\":0.1,\"uris\":["
                 + "\"turn:127.0.0.1:" + relay.port() + "?transport=udp\","
                 + "\"turn:127.0.0.1:" + relay.port() + "?transport=tcp\"]}]}")) {
      ChromeDriver browser = Chromium.start(Files.createDirectories(work.resolve("chromium-profile")));
      try {
        double relayedBefore = relay.metric(RELAYED);
        browser.get(service.uri("/test").toString());
        browser.findElement(By.id("api-key")).sendKeys(ServiceUnderTest.API_KEY);
        browser.findElement(By.id("run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(b -> Boolean.TRUE.equals(((ChromeDriver) b).executeScript("return window.iceTest.done")));

        Map<String, Object> result = (Map<String, Object>) browser.executeScript("return window.iceTest");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(result.get("error")).as(page).isNull();
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) result.get("candidates");
        assertThat(candidates).as(page).hasSize(2).allSatisfy(perUri ->
            assertThat((List<Object>) perUri.get("relayCandidates")).as("relay candidates of " + perUri.get("url"))
                .isNotEmpty());
        Map<String, Object> call = (Map<String, Object>) result.get("call");
        assertThat(call.get("state")).isEqualTo("connected");
        assertThat(((Number) call.get("echoed")).intValue()).isEqualTo(20);
        Map<String, Object> pair = (Map<String, Object>) call.get("pair");
        assertThat(pair.get("localType")).as(page).isEqualTo("relay");
        assertThat(pair.get("remoteType")).as(page).isEqualTo("relay");
        assertThat(((Number) pair.get("bytesSent")).longValue()).isGreaterThan(20_000L);
        assertThat(browser.findElement(By.id("selected-pair")).getText()).contains("relay 127.0.0.1");
        assertThat(relay.metric(RELAYED) - relayedBefore).as("the relay carried the call").isGreaterThan(20);
        System.out.println("test page: " + browser.findElement(By.id("selected-pair")).getText() + ", RTT "
            + browser.findElement(By.id("rtt")).getText() + ", " + browser.findElement(By.id("bytes-sent")).getText()
            + " bytes sent");
      } finally {
        browser.quit();
      }
    }
  }
}
