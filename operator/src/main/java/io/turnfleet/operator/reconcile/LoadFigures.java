package io.turnfleet.operator.reconcile;

/**
 * Load figures for status that move only when load really moved: a figure keeps its previous value
 * while the fresh one stays within a step of it, so load that wobbles around a level writes no
 * status and a change of a step or more shows at once. Not rounding to a grid, which would flap
 * between two grid points when load sits on a boundary. Pure.
 */
public final class LoadFigures {
  /** A tenth of what the figure is compared against (a relay's or the fleet's target). */
  private static final int STEPS = 10;

  private LoadFigures() {}

  /** The step for a figure that lives against {@code target} allocations: a tenth of it, at least 1. */
  public static long step(long target) {
    return Math.max(1, target / STEPS);
  }

  /**
   * {@code previous} while {@code current} is less than {@code step} away from it, else
   * {@code current}; a change from or to zero always shows (a fleet that became idle or busy is news).
   */
  public static int settled(Integer previous, long current, long step) {
    int fresh = (int) Math.min(Integer.MAX_VALUE, current);
    boolean idleChanged = (previous != null && previous == 0) != (fresh == 0);
    return previous != null && !idleChanged && Math.abs((long) previous - fresh) < step ? previous : fresh;
  }
}
