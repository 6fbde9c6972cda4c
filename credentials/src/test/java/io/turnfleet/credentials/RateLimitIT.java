package io.turnfleet.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.credentials.it.ServiceUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller past its burst gets 429 with Retry-After; the service stays up. */
class RateLimitIT {
  @TempDir
  Path work;

  @Test
  void aCallerPastItsBurstIsRefusedWith429() throws Exception {
    Path secrets = Files.createDirectories(work.resolve("secret"));
    Files.writeString(secrets.resolve("current"), "rate-limit-secret");
    try (ServiceUnderTest service = ServiceUnderTest.start(secrets, work,
        "{\"relays\":[{\"name\":\"r\",\"ready\":true,\"draining\":false,\"load\":0,"
          + "\"uris\":[\"turn:192.0.2.1:3478?transport=udp\"]}]}", "--rate", "0.1", "--burst", "3")) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> answer = service.get("/ice-servers", "Authorization", "Bearer " + ServiceUnderTest.API_KEY);
        statuses.add(answer.statusCode());
        if (answer.statusCode() == 429) {
          assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
      }

      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      assertThat(service.get("/metrics").body()).contains("turnfleet_credentials_denials_total{reason=\"rate_limited\"} 2.0");
    }
  }
}
