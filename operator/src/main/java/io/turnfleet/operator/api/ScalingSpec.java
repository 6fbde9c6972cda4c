package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Load per relay the autoscaler aims for, between spec.replicas.min and max. */
public class ScalingSpec {
  public static final int DEFAULT_ALLOCATIONS_PER_RELAY = 1000;

  @JsonPropertyDescription("Allocations per relay the fleet is sized for.")
  @Default("1000")
  @Min(1)
  private int targetAllocationsPerRelay = DEFAULT_ALLOCATIONS_PER_RELAY;

  @JsonPropertyDescription("Relayed bytes per second per relay the fleet is sized for; 0 ignores bandwidth.")
  @Default("0")
  @Min(0)
  private long targetBandwidthPerRelay;

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
}
