package io.turnfleet.operator.secrets;

import io.turnfleet.operator.api.SharedSecretSpec;
import io.turnfleet.operator.api.SpecDuration;
import java.time.Duration;

/**
 * How the generated shared secret rotates.
 *
 * @param interval how long a secret stays current
 * @param overlap how long the replaced secret stays accepted
 * @param propagationDelay how long a new secret is accepted before apps are told to use it
 */
public record RotationSchedule(Duration interval, Duration overlap, Duration propagationDelay) {
  public static RotationSchedule of(SharedSecretSpec spec) {
    return new RotationSchedule(duration("rotationInterval", spec.getRotationInterval()),
        duration("overlap", spec.getOverlap()), duration("propagationDelay", spec.getPropagationDelay()));
  }

  private static Duration duration(String field, String text) {
    return SpecDuration.parse(text).orElseThrow(() -> new IllegalArgumentException("spec.auth.sharedSecret." + field
        + " '" + text + "' is not a duration (checked by SpecCheck before)"));
  }
}
