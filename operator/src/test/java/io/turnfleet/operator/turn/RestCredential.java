package io.turnfleet.operator.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN REST API credential as an app mints it from the shared secret it read from the auth
 * Secret's {@code current} key (contract.md): username {@code <unix-expiry>:<user>}, password
 * base64(HMAC-SHA1(secret, username)). Its toString hides the password.
 */
public record RestCredential(String username, String password) {
  public static RestCredential mint(String sharedSecret, String user, Instant expiry) {
    String username = expiry.getEpochSecond() + ":" + user;
    try {
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return new RestCredential(username,
          Base64.getEncoder().encodeToString(hmac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA1", e);
    }
  }

  @Override
  public String toString() {
    return "RestCredential[" + username + "]";
  }
}
