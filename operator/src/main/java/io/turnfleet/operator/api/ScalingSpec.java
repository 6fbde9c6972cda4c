package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Load per relay the autoscaler aims for, between spec.replicas.min and max: it adds relays as soon
 * as load needs them and removes one relay per stabilization window once load has stayed low.
 */
public class ScalingSpec {
  public static final int DEFAULT_ALLOCATIONS_PER_RELAY = 1000;
  public static final int DEFAULT_HEADROOM_PERCENT = 10;
  public static final String DEFAULT_STABILIZATION_WINDOW = "5m";
  public static final int DEFAULT_MAX_SCALE_DOWN_PER_WINDOW = 1;

  @JsonPropertyDescription("Allocations per relay the fleet is sized for.")
  @Default("1000")
  @Min(1)
  private int targetAllocationsPerRelay = DEFAULT_ALLOCATIONS_PER_RELAY;

  @JsonPropertyDescription("Relayed bytes per second per relay the fleet is sized for; 0 ignores bandwidth.")
  @Default("0")
  @Min(0)
  private long targetBandwidthPerRelay;

  @JsonPropertyDescription("Extra capacity kept above the load, in percent of it: 10 sizes the fleet for 110% of the load.")
  @Default("10")
  @Min(0)
  @Max(400)
  private int headroomPercent = DEFAULT_HEADROOM_PERCENT;

  @JsonPropertyDescription("How long load must stay low before relays are removed, e.g. 5m.")
  @Default(DEFAULT_STABILIZATION_WINDOW)
  @Pattern(SharedSecretSpec.DURATION_PATTERN)
  private String stabilizationWindow = DEFAULT_STABILIZATION_WINDOW;

  @JsonPropertyDescription("Most relays removed per stabilization window.")
  @Default("1")
  @Min(1)
  @Max(1000)
  private int maxScaleDownPerWindow = DEFAULT_MAX_SCALE_DOWN_PER_WINDOW;

  public int getTargetAllocationsPerRelay() {
    return targetAllocationsPerRelay;
  }

  public void setTargetAllocationsPerRelay(Integer targetAllocationsPerRelay) {
    this.targetAllocationsPerRelay =
        targetAllocationsPerRelay == null ? DEFAULT_ALLOCATIONS_PER_RELAY : targetAllocationsPerRelay;
  }

  public long getTargetBandwidthPerRelay() {
    return targetBandwidthPerRelay;
  }

  public void setTargetBandwidthPerRelay(Long targetBandwidthPerRelay) {
    this.targetBandwidthPerRelay = targetBandwidthPerRelay == null ? 0 : targetBandwidthPerRelay;
  }

  public int getHeadroomPercent() {
    return headroomPercent;
  }

  public void setHeadroomPercent(Integer headroomPercent) {
    this.headroomPercent = headroomPercent == null ? DEFAULT_HEADROOM_PERCENT : headroomPercent;
  }

  public String getStabilizationWindow() {
    return stabilizationWindow;
  }

  public void setStabilizationWindow(String stabilizationWindow) {
    this.stabilizationWindow = stabilizationWindow == null ? DEFAULT_STABILIZATION_WINDOW : stabilizationWindow;
  }

  public int getMaxScaleDownPerWindow() {
    return maxScaleDownPerWindow;
  }

  public void setMaxScaleDownPerWindow(Integer maxScaleDownPerWindow) {
    this.maxScaleDownPerWindow =
        maxScaleDownPerWindow == null ? DEFAULT_MAX_SCALE_DOWN_PER_WINDOW : maxScaleDownPerWindow;
  }
}
