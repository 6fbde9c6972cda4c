package io.turnfleet.credentials.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which browser origins may call the service (the Fetch standard's CORS protocol). {@code *} allows
 * every origin. Callers authenticate with a bearer header, never cookies, so no origin ever gets
 * {@code Access-Control-Allow-Credentials}. Pure.
 */
public record Cors(Set<String> allowedOrigins) {
  static final String ALLOWED_HEADERS = "Authorization";
  static final String MAX_AGE_SECONDS = "600";

  public Cors {
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /**
   * Whether a request from {@code origin} may proceed: requests without an Origin (not from a
   * browser, or same-origin GETs) and from the service's own origin always may.
   */
  public boolean allows(String origin, String host) {
    return origin == null || origin.equals("http://" + host) || origin.equals("https://" + host)
        || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
  }

  /** Headers of an answer to an allowed cross-origin request; none for other requests. */
  public Map<String, String> responseHeaders(String origin, String host) {
    if (origin == null || !allows(origin, host)) {
      return Map.of();
    }
    return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin");
  }

  /** Headers of an answer to an allowed preflight (OPTIONS) request. */
  public Map<String, String> preflightHeaders(String origin, String host) {
    if (origin == null || !allows(origin, host)) {
      return Map.of();
    }
    return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin",
        "Access-Control-Allow-Methods", String.join(", ", List.of("GET", "OPTIONS")),
        "Access-Control-Allow-Headers", ALLOWED_HEADERS,
        "Access-Control-Max-Age", MAX_AGE_SECONDS);
  }
}
