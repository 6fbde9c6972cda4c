package io.turnfleet.credentials.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceFlagsTest {
  @Test
  void defaultsApplyAroundTheRequiredFlags() throws ConfigException {
    ServiceConfig config = ServiceFlags.parse(new String[] {"--secret-dir", "/s", "--fleet-file", "/f/relays.json",
        "--api-keys-dir", "/k"});

    assertThat(config.secretFile()).isEqualTo(Path.of("/s/current"));
    assertThat(config.listen().getPort()).isEqualTo(8080);
    assertThat(config.maxTtlSeconds()).isEqualTo(12 * 3600);
    assertThat(config.maxRelays()).isEqualTo(3);
    assertThat(config.tokenReview()).isFalse();
  }

  @Test
  void repeatableFlagsCollectAndDurationsTakeUnits() throws ConfigException {
    ServiceConfig config = ServiceFlags.parse(new String[] {"--secret-dir", "/s", "--fleet-file", "/f",
        "--token-review", "--cors-origin", "https://a", "--cors-origin", "https://b", "--max-ttl", "30m"});

    assertThat(config.corsOrigins()).containsExactly("https://a", "https://b");
    assertThat(config.maxTtlSeconds()).isEqualTo(1800);
  }

  @Test
  void aServiceWithoutAnyCallerAuthenticationIsRefused() {
    assertThatThrownBy(() -> ServiceFlags.parse(new String[] {"--secret-dir", "/s", "--fleet-file", "/f"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--api-keys-dir, --token-review");
  }

  @Test
  void badValuesAreNamed() {
    String[] base = {"--secret-dir", "/s", "--fleet-file", "/f", "--token-review"};
    assertThatThrownBy(() -> ServiceFlags.parse(concat(base, "--max-ttl", "soon"))).hasMessageContaining("--max-ttl soon");
    assertThatThrownBy(() -> ServiceFlags.parse(concat(base, "--max-relays", "0"))).hasMessageContaining("--max-relays 0");
    assertThatThrownBy(() -> ServiceFlags.parse(concat(base, "--listen", "example.com:80")))
        .hasMessageContaining("IP literal");
    assertThatThrownBy(() -> ServiceFlags.parse(concat(base, "--bogus", "1"))).hasMessageContaining("unknown flag --bogus");
    assertThatThrownBy(() -> ServiceFlags.parse(new String[] {"--fleet-file", "/f", "--token-review"}))
        .hasMessageContaining("--secret-dir is required");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
