package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Port range of relayed transport addresses (RFC 8656 section 7.2 recommends 49152-65535). */
@ValidationRule(value = "self.min <= self.max", message = "spec.relayPorts.min must not exceed spec.relayPorts.max")
public class RelayPortRange {
  public static final int DEFAULT_MIN = 49152;
  public static final int DEFAULT_MAX = 65535;

  @JsonPropertyDescription("Lowest relay port.")
  @Default("49152")
  @Min(1024)
  @Max(65535)
  private int min = DEFAULT_MIN;

  @JsonPropertyDescription("Highest relay port.")
  @Default("65535")
  @Min(1024)
  @Max(65535)
  private int max = DEFAULT_MAX;

  public RelayPortRange() {}

  public RelayPortRange(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min == null ? DEFAULT_MIN : min;
  }

  public int getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max == null ? DEFAULT_MAX : max;
  }
}
