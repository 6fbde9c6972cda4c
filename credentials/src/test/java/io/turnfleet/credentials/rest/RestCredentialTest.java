package io.turnfleet.credentials.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RestCredentialTest {
  private static final byte[] SECRET = "north-wind-secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1OfIt() {
    RestCredential credential = RestCredential.sign(SECRET, "alice", 1_699_999_000L, 1_000);

    assertThat(credential.username()).isEqualTo("1700000000:alice");
    // openssl: printf '1700000000:alice' | openssl dgst -sha1 -hmac north-wind-secret -binary | base64
    assertThat(credential.password()).isEqualTo("r/l6ttQtMIfbS2lfULS0mDRRNUg=");
    assertThat(credential.expiresAtEpochSeconds()).isEqualTo(1_700_000_000L);
    assertThat(credential.ttlSeconds()).isEqualTo(1_000);
  }

  @Test
  void anotherSecretSignsAnotherPassword() {
    RestCredential a = RestCredential.sign(SECRET, "alice", 1_699_999_000L, 1_000);
    RestCredential b = RestCredential.sign("rotated".getBytes(StandardCharsets.UTF_8), "alice", 1_699_999_000L, 1_000);

    assertThat(b.username()).isEqualTo(a.username());
    assertThat(b.password()).isNotEqualTo(a.password());
  }

  @Test
  void toStringLeavesThePasswordOut() {
    RestCredential credential = RestCredential.sign(SECRET, "alice", 1_699_999_000L, 1_000);

    assertThat(credential.toString()).contains("1700000000:alice").doesNotContain(credential.password());
  }
}
