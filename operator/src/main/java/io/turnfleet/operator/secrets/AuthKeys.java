package io.turnfleet.operator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared secrets of TURN REST credentials held in Secret {@code <name>-auth}: {@code current}
 * signs new credentials, {@code previous} stays accepted during a rotation's overlap. Never printed.
 */
public final class AuthKeys {
  public static final String CURRENT = "current";
  public static final String PREVIOUS = "previous";

  private final String current;
  private final String previous;

  public AuthKeys(String current, Optional<String> previous) {
    this.current = Objects.requireNonNull(current, "current");
    this.previous = previous.orElse(null);
  }

  /** Reads the keys of an existing auth Secret; empty when it lacks a usable {@code current} key. */
  public static Optional<AuthKeys> fromSecret(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null) {
      return Optional.empty();
    }
    Optional<String> current = decode(data.get(CURRENT));
    return current.map(c -> new AuthKeys(c, decode(data.get(PREVIOUS))));
  }

  /** The Secret data (base64) holding these keys. */
  public Map<String, String> secretData() {
    Base64.Encoder base64 = Base64.getEncoder();
    String encodedCurrent = base64.encodeToString(current.getBytes(StandardCharsets.UTF_8));
    return previous == null
        ? Map.of(CURRENT, encodedCurrent)
        : Map.of(CURRENT, encodedCurrent, PREVIOUS, base64.encodeToString(previous.getBytes(StandardCharsets.UTF_8)));
  }

  public boolean hasPrevious() {
    return previous != null;
  }

  private static Optional<String> decode(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthKeys other && current.equals(other.current) && Objects.equals(previous, other.previous);
  }

  @Override
  public int hashCode() {
    return Objects.hash(current, previous);
  }

  @Override
  public String toString() {
    return "AuthKeys[current=<redacted>" + (previous == null ? "" : ", previous=<redacted>") + "]";
  }
}
