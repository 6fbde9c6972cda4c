package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/**
 * Limits of each relay; 0 means unlimited. Allocations per user default to the relay's own default,
 * so that one leaked TURN REST credential cannot empty a relay's port range.
 */
public class QuotaSpec {
  public static final int DEFAULT_ALLOCATIONS_PER_USER = 64;

  @JsonPropertyDescription("Allocations one relay accepts in total (relay --max-allocations); 0 is unlimited.")
  @Default("0")
  @Min(0)
  private int maxAllocationsPerRelay;

  @JsonPropertyDescription("Allocations per username on one relay (relay --user-quota); 0 is unlimited. The "
      + "default keeps one leaked credential from taking a relay's whole port range.")
  @Default("" + DEFAULT_ALLOCATIONS_PER_USER)
  @Min(0)
  private int allocationsPerUser = DEFAULT_ALLOCATIONS_PER_USER;

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
    this.allocationsPerUser = value == null ? DEFAULT_ALLOCATIONS_PER_USER : value;
  }

  public long getBandwidthPerAllocation() {
    return bandwidthPerAllocation;
  }

  public void setBandwidthPerAllocation(Long value) {
    this.bandwidthPerAllocation = value == null ? 0 : value;
  }
}
