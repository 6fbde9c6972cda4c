package io.turnfleet.operator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.Optional;

/** The keys of the generated auth Secret and where their rotation stands. */
public record AuthSecretState(AuthKeys keys, RotationTimes times) {

  /**
   * Reads a live auth Secret. Times it lacks are filled in as if seen for the first time at
   * {@code now}: a missing currentSince starts the interval now, a previous key without an end gets a
   * whole overlap, a next key without a start waits a whole propagation delay.
   */
  public static Optional<AuthSecretState> fromSecret(Secret secret, RotationSchedule schedule, Instant now) {
    return AuthKeys.fromSecret(secret).map(keys -> {
      RotationTimes.ParsedTimes parsed = RotationTimes.parse(secret.getMetadata().getAnnotations());
      return new AuthSecretState(keys, new RotationTimes(
          parsed.currentSince().orElse(now),
          keys.hasNext() ? Optional.of(parsed.nextSince().orElse(now)) : Optional.empty(),
          keys.hasPrevious() ? Optional.of(parsed.previousUntil().orElse(now.plus(schedule.overlap())))
              : Optional.empty(),
          parsed.handledRequest()));
    });
  }

  /** When key current changes next. */
  public Instant nextRotation(RotationSchedule schedule) {
    return times.nextSince().map(t -> t.plus(schedule.propagationDelay()))
        .orElse(times.currentSince().plus(schedule.interval()));
  }
}
