package io.turnfleet.credentials.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CorsTest {
  private static final String HOST = "credentials.turn.svc:8080";
  private final Cors cors = new Cors(Set.of("https://app.example.com"));

  @Test
  void aListedOriginIsAllowedAndEchoed() {
    assertThat(cors.allows("https://app.example.com", HOST)).isTrue();
    assertThat(cors.responseHeaders("https://app.example.com", HOST))
        .containsEntry("Access-Control-Allow-Origin", "https://app.example.com").containsEntry("Vary", "Origin")
        .doesNotContainKey("Access-Control-Allow-Credentials");
  }

  @Test
  void anUnlistedOriginIsRefusedAndGetsNoCorsHeaders() {
    assertThat(cors.allows("https://evil.example.net", HOST)).isFalse();
    assertThat(cors.responseHeaders("https://evil.example.net", HOST)).isEmpty();
    assertThat(cors.preflightHeaders("https://evil.example.net", HOST)).isEmpty();
  }

  @Test
  void requestsWithoutOriginAndFromTheServiceItselfAreAllowed() {
    assertThat(cors.allows(null, HOST)).isTrue();
    assertThat(cors.allows("http://" + HOST, HOST)).isTrue();
    assertThat(cors.responseHeaders(null, HOST)).isEmpty();
  }

  @Test
  void aWildcardAllowsEveryOrigin() {
    assertThat(new Cors(Set.of("*")).allows("https://anything.example", HOST)).isTrue();
  }

  @Test
  void aPreflightMayCarryTheAuthorizationHeaderForGet() {
    assertThat(cors.preflightHeaders("https://app.example.com", HOST))
        .containsEntry("Access-Control-Allow-Headers", "Authorization")
        .containsEntry("Access-Control-Allow-Methods", "GET, OPTIONS")
        .containsKey("Access-Control-Max-Age");
  }
}
