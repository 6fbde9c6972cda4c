package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.turnfleet.operator.secrets.AuthKeys;
import io.turnfleet.operator.secrets.AuthSecretState;
import io.turnfleet.operator.secrets.RotationTimes;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthSecretTest {
  private static final Instant SINCE = Instant.parse("2025-03-01T12:00:00Z");

  private static AuthSecretState state(AuthKeys keys) {
    return new AuthSecretState(keys, new RotationTimes(SINCE, Optional.empty(),
        keys.hasPrevious() ? Optional.of(SINCE.plusSeconds(3600)) : Optional.empty(), Optional.empty()));
  }

  private static String decoded(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void theCurrentKeyIsWhatAppsReadAndRelaysAccept() {
    Secret secret = AuthSecret.build(turnServer(), state(new AuthKeys("s3cret-current", Optional.empty())));
    assertThat(secret.getMetadata().getName()).isEqualTo("media-auth");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsOnlyKeys("current");
    assertThat(decoded(secret, "current")).isEqualTo("s3cret-current");
  }

  @Test
  void thePreviousKeyIsKeptDuringARotationsOverlap() {
    Secret secret = AuthSecret.build(turnServer(), state(new AuthKeys("new-one", Optional.of("old-one"))));
    assertThat(secret.getData()).containsOnlyKeys("current", "previous");
    assertThat(decoded(secret, "previous")).isEqualTo("old-one");
  }

  @Test
  void aStagedKeyIsAcceptedAsNextBeforeItBecomesCurrent() {
    Secret secret = AuthSecret.build(turnServer(), state(new AuthKeys("cur", Optional.empty(), Optional.of("nxt"))));
    assertThat(secret.getData()).containsOnlyKeys("current", "next");
    assertThat(decoded(secret, "next")).isEqualTo("nxt");
  }

  @Test
  void whereTheRotationStandsIsRecordedInAnnotations() {
    Secret secret = AuthSecret.build(turnServer(), state(new AuthKeys("new-one", Optional.of("old-one"))));
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry(RotationTimes.CURRENT_SINCE, "2025-03-01T12:00:00Z")
        .containsEntry(RotationTimes.PREVIOUS_UNTIL, "2025-03-01T13:00:00Z")
        .doesNotContainKey(RotationTimes.NEXT_SINCE);
  }

  @Test
  void theSecretIsLabelledAndOwnedByTheTurnServer() {
    Secret secret = AuthSecret.build(turnServer(), state(new AuthKeys("k", Optional.empty())));
    assertThat(secret.getMetadata().getLabels()).containsEntry(FleetLabels.COMPONENT, AuthSecret.COMPONENT)
        .containsEntry(FleetLabels.INSTANCE, "media");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(SampleFleets.UID));
  }

  @Test
  void keysNeverAppearInTheirTextForm() {
    assertThat(new AuthKeys("s3cret-current", Optional.of("s3cret-old")).toString())
        .doesNotContain("s3cret").contains("redacted");
  }
}
