package io.turnfleet.operator.secrets;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a shared secret rotation stands, kept as annotations on the auth Secret so that it survives
 * operator restarts and leader changes.
 *
 * @param currentSince when key current became current
 * @param nextSince when key next was staged; empty when none is
 * @param previousUntil until when key previous is accepted; empty when there is none
 * @param handledRequest the last value of the TurnServer's {@value SecretRotation#ROTATE_ANNOTATION}
 *     annotation that was acted on
 */
public record RotationTimes(Instant currentSince, Optional<Instant> nextSince, Optional<Instant> previousUntil,
    Optional<String> handledRequest) {
  public static final String CURRENT_SINCE = "turnfleet.io/current-since";
  public static final String NEXT_SINCE = "turnfleet.io/next-since";
  public static final String PREVIOUS_UNTIL = "turnfleet.io/previous-until";
  public static final String HANDLED_REQUEST = "turnfleet.io/rotation-request";

  public Map<String, String> annotations() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(CURRENT_SINCE, currentSince.toString());
    nextSince.ifPresent(t -> annotations.put(NEXT_SINCE, t.toString()));
    previousUntil.ifPresent(t -> annotations.put(PREVIOUS_UNTIL, t.toString()));
    handledRequest.ifPresent(r -> annotations.put(HANDLED_REQUEST, r));
    return annotations;
  }

  /** Reads the annotations; a time that is missing or unreadable is empty. */
  static ParsedTimes parse(Map<String, String> annotations) {
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    return new ParsedTimes(instant(a.get(CURRENT_SINCE)), instant(a.get(NEXT_SINCE)), instant(a.get(PREVIOUS_UNTIL)),
        Optional.ofNullable(a.get(HANDLED_REQUEST)));
  }

  /** Annotations as read, each possibly absent (a Secret from before rotation existed has none). */
  record ParsedTimes(Optional<Instant> currentSince, Optional<Instant> nextSince, Optional<Instant> previousUntil,
      Optional<String> handledRequest) {}

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
