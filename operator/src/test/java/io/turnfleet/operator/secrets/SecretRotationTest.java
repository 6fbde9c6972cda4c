package io.turnfleet.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The rotation of the generated secret on a simulated clock. */
class SecretRotationTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  /** Rotate daily, keep the old secret an hour, stage the new one two minutes ahead. */
  private static final RotationSchedule DAILY =
      new RotationSchedule(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(2));

  private int keysMade;
  private final Supplier<String> keys = () -> "key-" + (++keysMade);

  private SecretRotation.Step advance(SecretRotation.Step from, Instant now) {
    return SecretRotation.advance(Optional.of(from.state()), DAILY, Optional.empty(), now, keys);
  }

  private SecretRotation.Step created() {
    return SecretRotation.advance(Optional.empty(), DAILY, Optional.empty(), T0, keys);
  }

  private static Map<String, String> data(SecretRotation.Step step) {
    return step.state().keys().secretData();
  }

  @Test
  void aNewFleetGetsOneCurrentSecretAndWakesUpWhenTheNextMustBeStaged() {
    SecretRotation.Step step = created();
    assertThat(data(step)).containsOnlyKeys("current");
    assertThat(step.state().times().currentSince()).isEqualTo(T0);
    assertThat(step.nextWakeUp()).isEqualTo(T0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(2)));
    assertThat(step.state().nextRotation(DAILY)).isEqualTo(T0.plus(Duration.ofHours(24)));
  }

  @Test
  void nothingChangesBeforeTheNextStep() {
    SecretRotation.Step step = created();
    SecretRotation.Step later = advance(step, T0.plus(Duration.ofHours(23)));
    assertThat(later.state()).isEqualTo(step.state());
    assertThat(later.events()).isEmpty();
  }

  @Test
  void aScheduledRotationStagesNextThenPromotesItThenRemovesThePrevious() {
    SecretRotation.Step step = created();
    Instant stage = T0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(2));

    step = advance(step, stage);
    assertThat(data(step)).containsOnlyKeys("current", "next");
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-1", Optional.empty(), Optional.of("key-2")));
    assertThat(step.events()).extracting(RotationEvent::reason).containsExactly("SecretRotationStarted");
    assertThat(step.nextWakeUp()).isEqualTo(T0.plus(Duration.ofHours(24)));

    step = advance(step, T0.plus(Duration.ofHours(24)));
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-2", Optional.of("key-1"), Optional.empty()));
    assertThat(step.events()).extracting(RotationEvent::reason).containsExactly("SecretRotated");
    assertThat(step.state().times().currentSince()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(step.state().times().previousUntil()).contains(T0.plus(Duration.ofHours(25)));
    assertThat(step.nextWakeUp()).as("the end of the overlap comes first").isEqualTo(T0.plus(Duration.ofHours(25)));

    step = advance(step, T0.plus(Duration.ofHours(25)));
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-2", Optional.empty()));
    assertThat(step.events()).extracting(RotationEvent::reason).containsExactly("PreviousSecretRemoved");
    assertThat(step.state().times().previousUntil()).isEmpty();
    assertThat(step.state().nextRotation(DAILY)).isEqualTo(T0.plus(Duration.ofHours(48)));
  }

  @Test
  void theAnnotationStartsARotationAtOnceAndOnlyOncePerValue() {
    SecretRotation.Step step = created();
    Instant now = T0.plus(Duration.ofHours(3));
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("2025-03-01"), now, keys);
    assertThat(data(step)).containsOnlyKeys("current", "next");
    assertThat(step.events()).singleElement().satisfies(e ->
        assertThat(e.message()).contains("requested by annotation turnfleet.io/rotate-secret"));
    assertThat(step.state().times().handledRequest()).contains("2025-03-01");

    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("2025-03-01"),
        now.plus(Duration.ofMinutes(2)), keys);
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-2", Optional.of("key-1"), Optional.empty()));

    SecretRotation.Step again = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("2025-03-01"),
        now.plus(Duration.ofMinutes(10)), keys);
    assertThat(again.events()).as("the same value asks for nothing").isEmpty();
    SecretRotation.Step newValue = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("2025-03-02"),
        now.plus(Duration.ofMinutes(10)), keys);
    assertThat(newValue.state().keys().hasNext()).isTrue();
  }

  @Test
  void anAnnotationPresentWhenTheSecretIsCreatedIsNoRequest() {
    SecretRotation.Step step = SecretRotation.advance(Optional.empty(), DAILY, Optional.of("x"), T0, keys);
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("x"), T0.plusSeconds(5), keys);
    assertThat(data(step)).containsOnlyKeys("current");
  }

  @Test
  void aRequestWhileANewSecretIsStagedDoesNotStageAnother() {
    SecretRotation.Step step = created();
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("a"), T0.plusSeconds(10), keys);
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("b"), T0.plusSeconds(20), keys);
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-1", Optional.empty(), Optional.of("key-2")));
    assertThat(step.state().times().handledRequest()).contains("b");
  }

  @Test
  void aRotationPromotedDuringAnOverlapDropsTheOldestSecretEarlyAndSaysSo() {
    SecretRotation.Step step = created();
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("1"), T0.plusSeconds(10), keys);
    step = advance(step, T0.plusSeconds(10).plus(Duration.ofMinutes(2)));
    assertThat(step.state().keys().hasPrevious()).isTrue();
    step = SecretRotation.advance(Optional.of(step.state()), DAILY, Optional.of("2"), T0.plus(Duration.ofMinutes(5)), keys);
    step = advance(step, T0.plus(Duration.ofMinutes(7)));
    assertThat(step.state().keys()).isEqualTo(new AuthKeys("key-3", Optional.of("key-2"), Optional.empty()));
    assertThat(step.events()).singleElement().satisfies(e ->
        assertThat(e.message()).contains("the one before it is no longer accepted"));
  }

  @Test
  void aSecretFromBeforeRotationTimesExistedStartsItsIntervalWhenFirstSeen() {
    Secret legacy = new SecretBuilder().withNewMetadata().withName("media-auth").endMetadata()
        .withData(Map.of("current", "Y3Vy", "previous", "b2xk")).build();
    Instant now = T0.plus(Duration.ofDays(10));
    AuthSecretState state = AuthSecretState.fromSecret(legacy, DAILY, now).orElseThrow();
    assertThat(state.keys()).isEqualTo(new AuthKeys("cur", Optional.of("old")));
    assertThat(state.times().currentSince()).isEqualTo(now);
    assertThat(state.times().previousUntil()).contains(now.plus(Duration.ofHours(1)));
  }

  @Test
  void theAnnotationsWrittenAreReadBack() {
    SecretRotation.Step step = SecretRotation.advance(Optional.of(created().state()), DAILY, Optional.of("r"),
        T0.plusSeconds(1), keys);
    Secret written = new SecretBuilder().withNewMetadata().withAnnotations(step.state().times().annotations())
        .endMetadata().withData(step.state().keys().secretData()).build();
    assertThat(AuthSecretState.fromSecret(written, DAILY, T0.plus(Duration.ofDays(3)))).contains(step.state());
  }

  @Test
  void aSecretWithoutACurrentKeyIsNoState() {
    Secret empty = new SecretBuilder().withNewMetadata().withName("media-auth").endMetadata().build();
    assertThat(AuthSecretState.fromSecret(empty, DAILY, T0)).isEmpty();
  }
}
