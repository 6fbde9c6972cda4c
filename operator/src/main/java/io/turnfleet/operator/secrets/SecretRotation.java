package io.turnfleet.operator.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rotates the generated shared secret. Pure apart from the key source it is given.
 *
 * <p>A rotation has two steps. It stages a new secret as key {@code next}: the relays accept it once
 * the kubelet has updated their mounted Secret, while apps keep signing with {@code current}. After
 * the propagation delay, {@code next} becomes {@code current} and the replaced secret stays
 * {@code previous} for the overlap, so credentials minted before the rotation keep working; then it
 * is removed. The steps are timed so that {@code current} changes every rotation interval. A new
 * value of the TurnServer annotation {@value #ROTATE_ANNOTATION} starts a rotation at once; a
 * rotation promoted while an older {@code previous} is still accepted drops that older one early.
 */
public final class SecretRotation {
  public static final String ROTATE_ANNOTATION = "turnfleet.io/rotate-secret";

  private SecretRotation() {}

  /**
   * One step of the rotation.
   *
   * @param nextWakeUp when the rotation needs to look again
   */
  public record Step(AuthSecretState state, List<RotationEvent> events, Instant nextWakeUp) {}

  /**
   * Advances the rotation to {@code now}.
   *
   * @param live the state read from the live Secret; empty when there is none yet
   * @param request the TurnServer's {@value #ROTATE_ANNOTATION} annotation value, if present
   */
  public static Step advance(Optional<AuthSecretState> live, RotationSchedule schedule, Optional<String> request,
      Instant now, Supplier<String> newKey) {
    List<RotationEvent> events = new ArrayList<>();
    if (live.isEmpty()) {
      AuthSecretState created = new AuthSecretState(new AuthKeys(newKey.get(), Optional.empty()),
          new RotationTimes(now, Optional.empty(), Optional.empty(), request));
      return new Step(created, events, wakeUp(created, schedule));
    }
    AuthKeys keys = live.get().keys();
    RotationTimes t = live.get().times();
    Instant currentSince = t.currentSince();
    Optional<Instant> nextSince = t.nextSince();
    Optional<Instant> previousUntil = t.previousUntil();
    Optional<String> handled = t.handledRequest();

    if (previousUntil.isPresent() && !now.isBefore(previousUntil.get())) {
      keys = keys.withoutPrevious();
      previousUntil = Optional.empty();
      events.add(new RotationEvent("PreviousSecretRemoved",
          "The replaced shared secret (key previous) is no longer accepted."));
    }
    if (nextSince.isPresent() && !now.isBefore(nextSince.get().plus(schedule.propagationDelay()))) {
      boolean droppedOlder = keys.hasPrevious();
      keys = keys.promoted();
      currentSince = now;
      nextSince = Optional.empty();
      previousUntil = Optional.of(now.plus(schedule.overlap()));
      events.add(new RotationEvent("SecretRotated", "Apps now sign with the new shared secret (key current); "
          + "the replaced one stays accepted as key previous until " + previousUntil.get()
          + (droppedOlder ? ", and the one before it is no longer accepted." : ".")));
    }
    boolean requested = request.isPresent() && !request.equals(handled);
    boolean due = !now.isBefore(currentSince.plus(schedule.interval()).minus(schedule.propagationDelay()));
    if (nextSince.isEmpty() && (requested || due)) {
      keys = keys.staging(newKey.get());
      nextSince = Optional.of(now);
      events.add(new RotationEvent("SecretRotationStarted", "A new shared secret is staged as key next for the "
          + "relays to read; it becomes current at " + now.plus(schedule.propagationDelay())
          + (requested ? " (requested by annotation " + ROTATE_ANNOTATION + ")." : ".")));
    }
    if (requested) {
      handled = request;
    }
    AuthSecretState advanced = new AuthSecretState(keys, new RotationTimes(currentSince, nextSince, previousUntil,
        handled));
    return new Step(advanced, events, wakeUp(advanced, schedule));
  }

  private static Instant wakeUp(AuthSecretState state, RotationSchedule schedule) {
    RotationTimes t = state.times();
    Instant rotationStep = t.nextSince()
        .map(staged -> staged.plus(schedule.propagationDelay()))
        .orElse(t.currentSince().plus(schedule.interval()).minus(schedule.propagationDelay()));
    return t.previousUntil().filter(until -> until.isBefore(rotationStep)).orElse(rotationStep);
  }
}
