package io.turnfleet.operator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared secrets of TURN REST credentials held in Secret {@code <name>-auth}: {@code current}
 * signs new credentials (apps read it), {@code next} is accepted by the relays before it becomes
 * current, {@code previous} stays accepted for a rotation's overlap. Relays accept every key. Never
 * printed.
 */
public final class AuthKeys {
  public static final String CURRENT = "current";
  public static final String PREVIOUS = "previous";
  public static final String NEXT = "next";

  private final String current;
  private final String previous;
  private final String next;

  public AuthKeys(String current, Optional<String> previous) {
    this(current, previous, Optional.empty());
  }

  public AuthKeys(String current, Optional<String> previous, Optional<String> next) {
    this.current = Objects.requireNonNull(current, "current");
    this.previous = previous.orElse(null);
    this.next = next.orElse(null);
  }

  /** Reads the keys of an existing auth Secret; empty when it lacks a usable {@code current} key. */
  public static Optional<AuthKeys> fromSecret(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null) {
      return Optional.empty();
    }
    Optional<String> current = decode(data.get(CURRENT));
    return current.map(c -> new AuthKeys(c, decode(data.get(PREVIOUS)), decode(data.get(NEXT))));
  }

  /** The Secret data (base64) holding these keys. */
  public Map<String, String> secretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(CURRENT, encode(current));
    if (previous != null) {
      data.put(PREVIOUS, encode(previous));
    }
    if (next != null) {
      data.put(NEXT, encode(next));
    }
    return data;
  }

  public boolean hasPrevious() {
    return previous != null;
  }

  public boolean hasNext() {
    return next != null;
  }

  /** Without the previous key. */
  AuthKeys withoutPrevious() {
    return new AuthKeys(current, Optional.empty(), Optional.ofNullable(next));
  }

  /** With {@code key} staged as next. */
  AuthKeys staging(String key) {
    return new AuthKeys(current, Optional.ofNullable(previous), Optional.of(key));
  }

  /** Next becomes current, current becomes previous; an older previous is dropped. */
  AuthKeys promoted() {
    if (next == null) {
      throw new IllegalStateException("no key is staged as next");
    }
    return new AuthKeys(next, Optional.of(current), Optional.empty());
  }

  private static String encode(String key) {
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
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
    return o instanceof AuthKeys other && current.equals(other.current) && Objects.equals(previous, other.previous)
        && Objects.equals(next, other.next);
  }

  @Override
  public int hashCode() {
    return Objects.hash(current, previous, next);
  }

  @Override
  public String toString() {
    return "AuthKeys[current=<redacted>" + (previous == null ? "" : ", previous=<redacted>")
        + (next == null ? "" : ", next=<redacted>") + "]";
  }
}
