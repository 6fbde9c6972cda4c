package io.turnfleet.credentials.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and TokenReview against fabric8's mock API server (expectations mode). */
@EnableKubernetesMockClient
class CallerCheckTest {
  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String KEY = "k3y-of-the-web-app-0123";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir
  Path keysDir;
  private ApiKeys keys;

  @BeforeEach
  void keys() throws IOException {
    Files.writeString(keysDir.resolve("web-app"), KEY);
    keys = new ApiKeys(keysDir);
    keys.refresh();
  }

  private CallerCheck withTokenReview() {
    KubernetesClient noRetries = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
    return new CallerCheck(Optional.of(keys),
        Optional.of(new TokenReviewer(noRetries, List.of(), Duration.ofSeconds(30))), new RateLimit(100, 100));
  }

  @Test
  void aRequestWithoutCredentialsIsDenied() {
    CallerCheck check = new CallerCheck(Optional.of(keys), Optional.empty(), new RateLimit(1, 1));

    assertThat(check.check(null, 0).denial()).contains(Denial.NO_CREDENTIALS);
    assertThat(check.check("", 0).denial()).contains(Denial.NO_CREDENTIALS);
  }

  @Test
  void anUnknownKeyIsDeniedWithoutAskingTheApiServerWhenTokenReviewIsOff() {
    CallerCheck check = new CallerCheck(Optional.of(keys), Optional.empty(), new RateLimit(1, 1));

    assertThat(check.check("k3y-of-the-web-app-9999", 0).denial()).contains(Denial.UNKNOWN_CREDENTIALS);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aKnownKeyIsAllowedUntilItsBucketIsEmpty() {
    CallerCheck check = new CallerCheck(Optional.of(keys), Optional.empty(), new RateLimit(1, 2));

    assertThat(check.check(KEY, 0).caller()).contains(new Caller("web-app"));
    assertThat(check.check(KEY, 0).caller()).contains(new Caller("web-app"));
    assertThat(check.check(KEY, 0).denial()).contains(Denial.RATE_LIMITED);
  }

  @Test
  void aTokenTheApiServerAuthenticatesNamesTheServiceAccount() throws InterruptedException {
    server.expect().post().withPath(TOKEN_REVIEWS).andReturn(201, new TokenReviewBuilder()
        .withNewStatus().withAuthenticated(true).withNewUser()
        .withUsername("system:serviceaccount:media:backend").endUser().endStatus().build()).once();

    CallerCheck check = withTokenReview();
    assertThat(check.check("eyJhbGciOi.sa-token.sig", 0).caller())
        .contains(new Caller("system:serviceaccount:media:backend"));
    assertThat(server.takeRequest().getBody().readUtf8()).contains("\"token\":\"eyJhbGciOi.sa-token.sig\"");

    assertThat(check.check("eyJhbGciOi.sa-token.sig", 1_000_000_000L).caller())
        .as("answered from the cache: the mock expects one review only").isPresent();
  }

  @Test
  void aTokenTheApiServerRejectsIsDenied() {
    server.expect().post().withPath(TOKEN_REVIEWS).andReturn(201, new TokenReviewBuilder()
        .withNewStatus().withAuthenticated(false).withError("token expired").endStatus().build()).once();

    assertThat(withTokenReview().check("eyJhbGciOi.expired.sig", 0).denial()).contains(Denial.UNKNOWN_CREDENTIALS);
  }

  @Test
  void aFailedReviewAsksTheCallerToRetry() {
    server.expect().post().withPath(TOKEN_REVIEWS).andReturn(500, "apiserver unavailable").always();

    assertThat(withTokenReview().check("eyJhbGciOi.any.sig", 0).denial()).contains(Denial.REVIEW_FAILED);
  }
}
