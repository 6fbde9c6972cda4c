package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The autoscaler's latest decision. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoscalingStatus {
  @JsonPropertyDescription("False when spec.replicas.min equals max.")
  private boolean enabled;

  @JsonPropertyDescription("Relays the autoscaler wants.")
  private Integer desiredReplicas;

  @JsonPropertyDescription("Why, in one CamelCase word: ScaledUp, ScaledDown, Steady, Stabilizing, MissingLoad, Disabled.")
  private String reason;

  @JsonPropertyDescription("Why, in one sentence with the load it saw when it first reached this decision.")
  private String message;

  @JsonPropertyDescription("When the autoscaler last changed the number of relays.")
  private String lastScaleTime;

  public AutoscalingStatus() {}

  public AutoscalingStatus(boolean enabled, int desiredReplicas, String reason, String message, String lastScaleTime) {
    this.enabled = enabled;
    this.desiredReplicas = desiredReplicas;
    this.reason = reason;
    this.message = message;
    this.lastScaleTime = lastScaleTime;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getDesiredReplicas() {
    return desiredReplicas;
  }

  public void setDesiredReplicas(Integer desiredReplicas) {
    this.desiredReplicas = desiredReplicas;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastScaleTime() {
    return lastScaleTime;
  }

  public void setLastScaleTime(String lastScaleTime) {
    this.lastScaleTime = lastScaleTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AutoscalingStatus other
        && enabled == other.enabled
        && Objects.equals(desiredReplicas, other.desiredReplicas)
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message)
        && Objects.equals(lastScaleTime, other.lastScaleTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, desiredReplicas, reason, message, lastScaleTime);
  }
}
