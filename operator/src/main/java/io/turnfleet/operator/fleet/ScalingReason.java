package io.turnfleet.operator.fleet;

/** Why the autoscaler chose a fleet size; {@link #word()} goes into status and Events. */
public enum ScalingReason {
  /** spec.replicas.min equals max. */
  DISABLED("Disabled"),
  /** The size lay outside spec.replicas after an edit and was moved inside. */
  OUTSIDE_BOUNDS("OutsideBounds"),
  SCALED_UP("ScaledUp"),
  SCALED_DOWN("ScaledDown"),
  /** The fleet has the size its load needs. */
  STEADY("Steady"),
  /** Load would allow fewer relays, but not for a whole stabilization window yet. */
  STABILIZING("Stabilizing"),
  /** Relays that serve allocations sent no fresh load report, so the fleet does not shrink. */
  MISSING_LOAD("MissingLoad");

  private final String word;

  ScalingReason(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** Whether this decision changed the fleet size. */
  public boolean scales() {
    return this == SCALED_UP || this == SCALED_DOWN || this == OUTSIDE_BOUNDS;
  }
}
