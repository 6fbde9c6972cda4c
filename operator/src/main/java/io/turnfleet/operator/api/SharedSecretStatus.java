package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Rotation of the operator-generated shared secret; times only, never a secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharedSecretStatus {
  @JsonPropertyDescription("When key current of the auth Secret last changed.")
  private String lastRotationTime;

  @JsonPropertyDescription("When key current changes next (a new secret is staged as key next before that).")
  private String nextRotationTime;

  @JsonPropertyDescription("Until when credentials signed with the replaced secret (key previous) are accepted.")
  private String previousAcceptedUntil;

  public SharedSecretStatus() {}

  public SharedSecretStatus(String lastRotationTime, String nextRotationTime, String previousAcceptedUntil) {
    this.lastRotationTime = lastRotationTime;
    this.nextRotationTime = nextRotationTime;
    this.previousAcceptedUntil = previousAcceptedUntil;
  }

  public String getLastRotationTime() {
    return lastRotationTime;
  }

  public void setLastRotationTime(String lastRotationTime) {
    this.lastRotationTime = lastRotationTime;
  }

  public String getNextRotationTime() {
    return nextRotationTime;
  }

  public void setNextRotationTime(String nextRotationTime) {
    this.nextRotationTime = nextRotationTime;
  }

  public String getPreviousAcceptedUntil() {
    return previousAcceptedUntil;
  }

  public void setPreviousAcceptedUntil(String previousAcceptedUntil) {
    this.previousAcceptedUntil = previousAcceptedUntil;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedSecretStatus other
        && Objects.equals(lastRotationTime, other.lastRotationTime)
        && Objects.equals(nextRotationTime, other.nextRotationTime)
        && Objects.equals(previousAcceptedUntil, other.previousAcceptedUntil);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastRotationTime, nextRotationTime, previousAcceptedUntil);
  }
}
