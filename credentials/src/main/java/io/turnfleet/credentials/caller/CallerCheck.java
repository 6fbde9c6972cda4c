package io.turnfleet.credentials.caller;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a request's bearer credential: an API key first, then (when configured) a
 * ServiceAccount token through TokenReview, then the caller's rate limit. Tokens that are not API
 * keys go to the API server only when TokenReview is on, so a wrong key never leaves the pod.
 */
public final class CallerCheck {
  private static final Logger log = LoggerFactory.getLogger(CallerCheck.class);

  /** The caller, or why there is none. */
  public record Outcome(Optional<Caller> caller, Optional<Denial> denial) {
    static Outcome allowed(Caller caller) {
      return new Outcome(Optional.of(caller), Optional.empty());
    }

    static Outcome denied(Denial denial) {
      return new Outcome(Optional.empty(), Optional.of(denial));
    }
  }

  private final Optional<ApiKeys> apiKeys;
  private final Optional<TokenReviewer> tokenReviewer;
  private final RateLimit rateLimit;

  public CallerCheck(Optional<ApiKeys> apiKeys, Optional<TokenReviewer> tokenReviewer, RateLimit rateLimit) {
    if (apiKeys.isEmpty() && tokenReviewer.isEmpty()) {
      throw new IllegalArgumentException("callers need a way to authenticate: API keys, TokenReview or both");
    }
    this.apiKeys = apiKeys;
    this.tokenReviewer = tokenReviewer;
    this.rateLimit = rateLimit;
  }

  /** @param credential the bearer token or API key presented, null when none was */
  public Outcome check(String credential, long nowNanos) {
    if (credential == null || credential.isEmpty()) {
      return Outcome.denied(Denial.NO_CREDENTIALS);
    }
    Optional<Caller> caller = apiKeys.flatMap(keys -> keys.caller(credential));
    if (caller.isEmpty() && tokenReviewer.isPresent()) {
      try {
        caller = tokenReviewer.get().review(credential, nowNanos);
      } catch (KubernetesClientException e) {
        log.warn("TokenReview failed: HTTP {} {}", e.getCode(), e.getStatus() == null ? "" : e.getStatus().getReason());
        return Outcome.denied(Denial.REVIEW_FAILED);
      }
    }
    if (caller.isEmpty()) {
      return Outcome.denied(Denial.UNKNOWN_CREDENTIALS);
    }
    return rateLimit.allow(caller.get(), nowNanos) ? Outcome.allowed(caller.get()) : Outcome.denied(Denial.RATE_LIMITED);
  }
}
