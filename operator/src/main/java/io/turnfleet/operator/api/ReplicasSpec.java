package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Bounds of the fleet size; each relay needs a node of its own. */
@ValidationRule(value = "self.min <= self.max", message = "spec.replicas.min must not exceed spec.replicas.max")
public class ReplicasSpec {
  public static final int DEFAULT = 1;

  @JsonPropertyDescription("Fewest relays.")
  @Default("1")
  @Min(1)
  @Max(1000)
  private int min = DEFAULT;

  @JsonPropertyDescription("Most relays.")
  @Default("1")
  @Min(1)
  @Max(1000)
  private int max = DEFAULT;

  public ReplicasSpec() {}

  public ReplicasSpec(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min == null ? DEFAULT : min;
  }

  public int getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max == null ? DEFAULT : max;
  }
}
