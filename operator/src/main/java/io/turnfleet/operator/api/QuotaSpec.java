package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Limits of each relay; 0 means unlimited. */
public class QuotaSpec {
  @JsonPropertyDescription("Allocations one relay accepts in total (relay --max-allocations); 0 is unlimited.")
  @Default("0")
  @Min(0)
  private int maxAllocationsPerRelay;

  @JsonPropertyDescription("Allocations per username (relay --user-quota); 0 is unlimited.")
  @Default("0")
  @Min(0)
  private int allocationsPerUser;

  @JsonPropertyDescription("Relayed bytes per second per allocation (relay --max-bandwidth); 0 is unlimited.")
  @Default("0")
  @Min(0)
  private long bandwidthPerAllocation;

  public int getMaxAllocationsPerRelay() {
    return maxAllocationsPerRelay;
  }

  public void setMaxAllocationsPerRelay(Integer value) {
    this.maxAllocationsPerRelay = value == null ? 0 : value;
  }

  public int getAllocationsPerUser() {
    return allocationsPerUser;
  }

  public void setAllocationsPerUser(Integer value) {
    this.allocationsPerUser = value == null ? 0 : value;
  }

  public long getBandwidthPerAllocation() {
    return bandwidthPerAllocation;
  }

  public void setBandwidthPerAllocation(Long value) {
    this.bandwidthPerAllocation = value == null ? 0 : value;
  }
}
