package io.turnfleet.credentials.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final long SECOND = 1_000_000_000L;
  private final Caller alice = new Caller("alice");

  @Test
  void aBurstIsAllowedThenRequestsAreRefused() {
    RateLimit limit = new RateLimit(1, 3);

    assertThat(limit.allow(alice, 0)).isTrue();
    assertThat(limit.allow(alice, 0)).isTrue();
    assertThat(limit.allow(alice, 0)).isTrue();
    assertThat(limit.allow(alice, 0)).isFalse();
  }

  @Test
  void tokensComeBackAtTheConfiguredRateUpToTheBurst() {
    RateLimit limit = new RateLimit(2, 2);
    limit.allow(alice, 0);
    limit.allow(alice, 0);

    assertThat(limit.allow(alice, SECOND / 4)).as("half a token after 250 ms").isFalse();
    assertThat(limit.allow(alice, SECOND / 2)).as("one token after 500 ms").isTrue();
    assertThat(limit.allow(alice, 100 * SECOND)).isTrue();
    assertThat(limit.allow(alice, 100 * SECOND)).isTrue();
    assertThat(limit.allow(alice, 100 * SECOND)).as("never more than the burst").isFalse();
  }

  @Test
  void callersHaveTheirOwnBuckets() {
    RateLimit limit = new RateLimit(1, 1);
    limit.allow(alice, 0);

    assertThat(limit.allow(alice, 0)).isFalse();
    assertThat(limit.allow(new Caller("bob"), 0)).isTrue();
  }
}
