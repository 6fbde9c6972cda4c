package io.turnfleet.operator.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the autoscaler remembers between decisions: the sizes load recommended during the last
 * stabilization window, since when it has been watching under the current targets, and when it last
 * scaled. Immutable; the operator keeps it in memory, so after a restart or a leader change the
 * autoscaler watches a whole window again before it removes a relay.
 *
 * @param since when the autoscaler started watching under {@code targets}
 */
public record ScalingHistory(ScalingTargets targets, Instant since, List<Recommendation> recommendations,
    Optional<Instant> lastScaleDown, Optional<Instant> lastScale) {

  /** The size load recommended at one moment. */
  public record Recommendation(Instant at, int relays) {}

  public ScalingHistory {
    recommendations = List.copyOf(recommendations);
  }

  public static ScalingHistory start(ScalingTargets targets, Instant now, Optional<Instant> lastScale) {
    return new ScalingHistory(targets, now, List.of(), Optional.empty(), lastScale);
  }

  /** This history, or a fresh one when the targets changed: old recommendations no longer apply. */
  public ScalingHistory under(ScalingTargets current, Instant now) {
    return targets.equals(current) ? this : start(current, now, lastScale);
  }

  /** Adds a recommendation and forgets those older than the window. */
  ScalingHistory recording(Instant now, int relays) {
    List<Recommendation> kept = new ArrayList<>();
    Instant horizon = now.minus(targets.window());
    for (Recommendation r : recommendations) {
      if (!r.at().isBefore(horizon)) {
        kept.add(r);
      }
    }
    kept.add(new Recommendation(now, relays));
    return new ScalingHistory(targets, since, kept, lastScaleDown, lastScale);
  }

  /** The largest size recommended within the window. */
  int highestRecommendation() {
    return recommendations.stream().mapToInt(Recommendation::relays).max().orElse(Integer.MAX_VALUE);
  }

  ScalingHistory scaled(Instant now, boolean down) {
    return new ScalingHistory(targets, since, recommendations, down ? Optional.of(now) : lastScaleDown,
        Optional.of(now));
  }
}
