package io.turnfleet.credentials.caller;

/** Why a request was refused; the lower-case name is the metric label. */
public enum Denial {
  /** No Authorization header or key parameter. */
  NO_CREDENTIALS(401, "an API key or ServiceAccount token is required (Authorization: Bearer ...)"),
  /** Neither a known API key nor a token the API server accepted. */
  UNKNOWN_CREDENTIALS(401, "the API key or token is not valid"),
  /** TokenReview itself failed (API server unreachable): the caller may retry. */
  REVIEW_FAILED(503, "the token could not be checked now; retry later"),
  RATE_LIMITED(429, "too many requests from this caller; retry later"),
  ORIGIN_NOT_ALLOWED(403, "this origin may not call the credential service");

  private final int status;
  private final String message;

  Denial(int status, String message) {
    this.status = status;
    this.message = message;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
