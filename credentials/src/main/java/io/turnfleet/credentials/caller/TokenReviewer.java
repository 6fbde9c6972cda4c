package io.turnfleet.credentials.caller;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a ServiceAccount bearer token with the API server's TokenReview (authentication.k8s.io/v1),
 * as kube-rbac-proxy and the kubelet's webhook authenticator do. Answers are cached for a short
 * while under the token's SHA-256, so a backend calling often costs the API server one review per
 * {@code cacheFor}; a revoked token therefore keeps working at most that long.
 */
public final class TokenReviewer {
  private static final int MAX_CACHED = 10_000;

  private record Answer(Optional<Caller> caller, long expiresNanos) {}

  private final KubernetesClient client;
  private final List<String> audiences;
  private final long cacheNanos;
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  public TokenReviewer(KubernetesClient client, List<String> audiences, Duration cacheFor) {
    this.client = client;
    this.audiences = List.copyOf(audiences);
    this.cacheNanos = cacheFor.toNanos();
  }

  /**
   * The authenticated ServiceAccount, or empty when the API server does not accept the token.
   *
   * @throws KubernetesClientException when the review could not be made
   */
  public Optional<Caller> review(String token, long nowNanos) {
    String key = Base64.getEncoder().encodeToString(ApiKeys.sha256(token.getBytes(StandardCharsets.UTF_8)));
    Answer cached = cache.get(key);
    if (cached != null && cached.expiresNanos() - nowNanos > 0) {
      return cached.caller();
    }
    TokenReview answer = client.resource(new TokenReviewBuilder()
            .withNewSpec().withToken(token).withAudiences(audiences.isEmpty() ? null : audiences).endSpec()
            .build())
        .create();
    Optional<Caller> caller = Optional.ofNullable(answer.getStatus())
        .filter(status -> Boolean.TRUE.equals(status.getAuthenticated()) && status.getUser() != null)
        .map(status -> new Caller(status.getUser().getUsername()));
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(key, new Answer(caller, nowNanos + cacheNanos));
    return caller;
  }
}
