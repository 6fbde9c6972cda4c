package io.turnfleet.credentials.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN REST API ephemeral credential (draft-uberti-behave-turn-rest-00, section 2.2, as coturn and
 * the relay verify it): username {@code <unix-expiry-seconds>:<user>}, password
 * base64(HMAC-SHA1(secret, username)).
 */
public record RestCredential(String username, String password, long expiresAtEpochSeconds, long ttlSeconds) {

  public static RestCredential sign(byte[] secret, String user, long nowEpochSeconds, long ttlSeconds) {
    long expiry = nowEpochSeconds + ttlSeconds;
    String username = expiry + ":" + user;
    return new RestCredential(username, password(secret, username), expiry, ttlSeconds);
  }

  static String password(byte[] secret, String username) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(hmac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException everyJavaPlatformHasHmacSha1) {
      throw new IllegalStateException(everyJavaPlatformHasHmacSha1);
    }
  }

  /** Never the password: a record's default toString would put it into any log line it reaches. */
  @Override
  public String toString() {
    return "RestCredential[username=" + username + ", ttl=" + ttlSeconds + "s]";
  }
}
