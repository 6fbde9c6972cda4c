package io.turnfleet.operator.secrets;

import java.security.SecureRandom;
import java.util.Base64;

/** Creates new shared secrets: 256 bits from SecureRandom, base64url text so apps can paste them. */
public final class AuthKeyGenerator {
  static final int KEY_BYTES = 32;

  private final SecureRandom random;

  public AuthKeyGenerator() {
    this(new SecureRandom());
  }

  AuthKeyGenerator(SecureRandom random) {
    this.random = random;
  }

  public String newKey() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
