package io.turnfleet.operator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Decides how many relays a fleet runs. Pure: the same targets, load, size, history and time always
 * give the same decision.
 *
 * <p>Load needs {@code ceil(max(allocations / targetAllocationsPerRelay, bandwidth /
 * targetBandwidthPerRelay) * (100 + headroom) / 100)} relays, clamped to spec.replicas. More relays
 * than the fleet has are added at once: a relay takes seconds to start and callers fail meanwhile. Fewer
 * are removed only when every recommendation of a whole stabilization window allows it, at most
 * {@code maxScaleDownPerWindow} per window, and only when every relay serving allocations reported
 * its load: a relay whose load is unknown may be the busiest. Scale-ups use what is known, a lower
 * bound of the load.
 */
public final class ScalingPolicy {
  private ScalingPolicy() {}

  public static ScalingDecision decide(ScalingTargets targets, LoadSummary load, int current, ScalingHistory history,
      Instant now) {
    history = history.under(targets, now);
    if (!targets.autoscaling()) {
      return new ScalingDecision(targets.min(), ScalingReason.DISABLED,
          "spec.replicas.min equals max: the fleet runs " + relays(targets.min()) + ".",
          targets.min() == current ? history : history.scaled(now, targets.min() < current));
    }
    if (current != targets.clamp(current)) {
      int clamped = targets.clamp(current);
      return new ScalingDecision(clamped, ScalingReason.OUTSIDE_BOUNDS, "The fleet had " + relays(current)
          + ", outside spec.replicas " + targets.min() + "-" + targets.max() + "; it runs " + clamped + " now.",
          history.scaled(now, clamped < current));
    }
    if (load.measured() == 0) {
      return new ScalingDecision(current, ScalingReason.MISSING_LOAD,
          "No ready relay has reported its load yet; the fleet keeps " + relays(current) + ".", history);
    }
    int needed = needed(targets, load);
    int recommended = targets.clamp(needed);
    history = history.recording(now, recommended);
    String need = describe(targets, load, needed);
    if (recommended > current) {
      return new ScalingDecision(recommended, ScalingReason.SCALED_UP,
          need + "; scaling up from " + current + " to " + recommended + ".", history.scaled(now, false));
    }
    if (recommended == current) {
      return new ScalingDecision(current, ScalingReason.STEADY, need + "; the fleet has " + current + ".", history);
    }
    if (load.unmeasured() > 0) {
      return new ScalingDecision(current, ScalingReason.MISSING_LOAD, need + ", but " + load.unmeasured() + " of "
          + (load.measured() + load.unmeasured()) + " ready relays sent no fresh load report; not scaling down.",
          history);
    }
    Duration window = targets.window();
    Instant watchedEnough = history.since().plus(window);
    Instant lastDownEnough = history.lastScaleDown().map(t -> t.plus(window)).orElse(Instant.MIN);
    if (now.isBefore(watchedEnough) || now.isBefore(lastDownEnough)) {
      Instant from = watchedEnough.isAfter(lastDownEnough) ? watchedEnough : lastDownEnough;
      return new ScalingDecision(current, ScalingReason.STABILIZING, need + "; the fleet keeps " + current
          + " until " + window.toSeconds() + "s of stabilization pass (" + from + ").", history);
    }
    int target = Math.max(history.highestRecommendation(), current - targets.maxScaleDownPerWindow());
    if (target >= current) {
      return new ScalingDecision(current, ScalingReason.STABILIZING, need + "; within the last "
          + window.toSeconds() + "s load needed " + history.highestRecommendation() + ", so the fleet keeps "
          + current + ".", history);
    }
    return new ScalingDecision(target, ScalingReason.SCALED_DOWN, need + " for " + window.toSeconds()
        + "s; scaling down from " + current + " to " + target + ".", history.scaled(now, true));
  }

  /** Relays the load needs, before clamping. */
  static int needed(ScalingTargets targets, LoadSummary load) {
    long factor = 100L + targets.headroomPercent();
    long byAllocations = ceilDiv(load.allocations() * factor, 100L * targets.allocationsPerRelay());
    long byBandwidth = 0;
    if (targets.bandwidthPerRelay() > 0) {
      // exact for the integral byte counts /load reports; rounding down first avoids 2.0000001 -> 3
      double relays = load.bytesPerSecond() * factor / (100.0 * targets.bandwidthPerRelay());
      byBandwidth = (long) Math.ceil(relays - 1e-9);
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(byAllocations, byBandwidth));
  }

  private static String relays(int n) {
    return n + (n == 1 ? " relay" : " relays");
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static String describe(ScalingTargets targets, LoadSummary load, int needed) {
    StringBuilder text = new StringBuilder().append(load.allocations()).append(" allocations");
    if (targets.bandwidthPerRelay() > 0) {
      text.append(" and ").append(String.format(Locale.ROOT, "%.0f", load.bytesPerSecond())).append(" B/s");
    }
    return text.append(" need ").append(relays(needed))
        .append(" (").append(targets.allocationsPerRelay()).append(" allocations")
        .append(targets.bandwidthPerRelay() > 0 ? ", " + targets.bandwidthPerRelay() + " B/s" : "")
        .append(" per relay, ").append(targets.headroomPercent()).append("% headroom)")
        .toString();
  }
}
