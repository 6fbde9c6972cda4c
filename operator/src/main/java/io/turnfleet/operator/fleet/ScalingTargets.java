package io.turnfleet.operator.fleet;

import io.turnfleet.operator.api.ScalingSpec;
import io.turnfleet.operator.api.SpecDuration;
import io.turnfleet.operator.api.TurnServerSpec;
import java.time.Duration;

/**
 * What the autoscaler steers towards, read from a TurnServer spec.
 *
 * @param bandwidthPerRelay relayed bytes per second per relay; 0 ignores bandwidth
 * @param headroomPercent extra capacity above the load, in percent of it
 * @param window how long load must stay low before relays are removed
 * @param maxScaleDownPerWindow most relays removed per window
 */
public record ScalingTargets(int min, int max, int allocationsPerRelay, long bandwidthPerRelay, int headroomPercent,
    Duration window, int maxScaleDownPerWindow) {

  public static ScalingTargets of(TurnServerSpec spec) {
    ScalingSpec scaling = spec.getScaling();
    Duration window = SpecDuration.parse(scaling.getStabilizationWindow())
        .orElseThrow(() -> new IllegalArgumentException("spec.scaling.stabilizationWindow '"
            + scaling.getStabilizationWindow() + "' is not a duration (checked by SpecCheck before)"));
    return new ScalingTargets(spec.getReplicas().getMin(), spec.getReplicas().getMax(),
        scaling.getTargetAllocationsPerRelay(), scaling.getTargetBandwidthPerRelay(), scaling.getHeadroomPercent(),
        window, scaling.getMaxScaleDownPerWindow());
  }

  public boolean autoscaling() {
    return min != max;
  }

  public int clamp(int relays) {
    return Math.max(min, Math.min(max, relays));
  }
}
