package io.turnfleet.credentials.rest;

import java.util.regex.Pattern;

/**
 * What a caller may ask for: a lifetime up to the configured maximum and a user name that fits into
 * a TURN USERNAME (RFC 8489 section 14.3, under 513 bytes) without confusing the {@code expiry:user}
 * split. Pure; throws {@link BadCredentialRequest} naming the bad value.
 */
public record CredentialTerms(long maxTtlSeconds) {
  static final int MAX_USER_LENGTH = 128;
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+=/-]{1," + MAX_USER_LENGTH + "}");
  private static final int MAX_TTL_DIGITS = 10;

  public CredentialTerms {
    if (maxTtlSeconds < 1) {
      throw new IllegalArgumentException("max TTL must be at least 1 s, not " + maxTtlSeconds);
    }
  }

  /** The lifetime granted for a requested {@code ttl} parameter (null: the maximum), capped at the maximum. */
  public long ttl(String requested) {
    if (requested == null) {
      return maxTtlSeconds;
    }
    if (requested.isEmpty() || requested.length() > MAX_TTL_DIGITS || !requested.chars().allMatch(Character::isDigit)) {
      throw new BadCredentialRequest("ttl " + quoted(requested) + " is not a number of seconds");
    }
    long ttl = Long.parseLong(requested);
    if (ttl < 1) {
      throw new BadCredentialRequest("ttl must be at least 1 second, not " + ttl);
    }
    return Math.min(ttl, maxTtlSeconds);
  }

  /** The user part of the credential's username. */
  public String user(String requested) {
    if (requested == null || !USER.matcher(requested).matches()) {
      throw new BadCredentialRequest("username " + (requested == null ? "is missing" : quoted(requested) + " is not")
          + " 1 to " + MAX_USER_LENGTH + " characters of letters, digits and ._@+=/-");
    }
    return requested;
  }

  private static String quoted(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }
}
