package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The TURN REST shared secret. Without {@code secretName} the operator generates Secret
 * {@code <name>-auth} and rotates it: a new secret first appears as key {@code next} (accepted by
 * the relays, not yet used by apps), becomes {@code current} after the propagation delay, and the
 * replaced one stays as {@code previous} for the overlap. A referenced Secret is mounted as it is and
 * never rotated by the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "duration(self.overlap) < duration(self.rotationInterval)",
    message = "spec.auth.sharedSecret.overlap must be shorter than rotationInterval")
@ValidationRule(value = "duration(self.propagationDelay) < duration(self.rotationInterval)",
    message = "spec.auth.sharedSecret.propagationDelay must be shorter than rotationInterval")
public class SharedSecretSpec {
  public static final String DURATION_PATTERN = "^[0-9]{1,6}(s|m|h)$";
  public static final String DEFAULT_ROTATION_INTERVAL = "24h";
  public static final String DEFAULT_OVERLAP = "1h";
  public static final String DEFAULT_PROPAGATION_DELAY = "2m";

  @JsonPropertyDescription("Existing Secret whose every key is an accepted shared secret; the operator generates one when empty.")
  @Size(max = 253)
  private String secretName;

  @JsonPropertyDescription("How often the generated secret is replaced, e.g. 24h.")
  @Default(DEFAULT_ROTATION_INTERVAL)
  @Pattern(DURATION_PATTERN)
  private String rotationInterval = DEFAULT_ROTATION_INTERVAL;

  @JsonPropertyDescription("How long the replaced secret stays accepted after a rotation, e.g. 1h.")
  @Default(DEFAULT_OVERLAP)
  @Pattern(DURATION_PATTERN)
  private String overlap = DEFAULT_OVERLAP;

  @JsonPropertyDescription("How long a new secret is accepted by the relays before it becomes current, so apps never sign with a secret a relay has not read yet (the kubelet updates mounted Secrets within about a minute).")
  @Default(DEFAULT_PROPAGATION_DELAY)
  @Pattern(DURATION_PATTERN)
  private String propagationDelay = DEFAULT_PROPAGATION_DELAY;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getRotationInterval() {
    return rotationInterval;
  }

  public void setRotationInterval(String rotationInterval) {
    this.rotationInterval = rotationInterval == null ? DEFAULT_ROTATION_INTERVAL : rotationInterval;
  }

  public String getOverlap() {
    return overlap;
  }

  public void setOverlap(String overlap) {
    this.overlap = overlap == null ? DEFAULT_OVERLAP : overlap;
  }

  public String getPropagationDelay() {
    return propagationDelay;
  }

  public void setPropagationDelay(String propagationDelay) {
    this.propagationDelay = propagationDelay == null ? DEFAULT_PROPAGATION_DELAY : propagationDelay;
  }
}
