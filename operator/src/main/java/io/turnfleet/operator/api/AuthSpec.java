package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Client authentication of the fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.mode != 'StaticUsers' || has(self.staticUsers)",
    message = "spec.auth.staticUsers is required when mode is StaticUsers")
public class AuthSpec {
  @JsonPropertyDescription("SharedSecret (TURN REST ephemeral credentials) or StaticUsers.")
  @Default("SharedSecret")
  private AuthMode mode = AuthMode.SharedSecret;

  @JsonPropertyDescription("The shared secret of ephemeral credentials.")
  @Default("{}")
  private SharedSecretSpec sharedSecret = new SharedSecretSpec();

  @JsonPropertyDescription("Static users, read from a Secret.")
  private StaticUsersSpec staticUsers;

  public AuthMode getMode() {
    return mode;
  }

  public void setMode(AuthMode mode) {
    this.mode = mode == null ? AuthMode.SharedSecret : mode;
  }

  public SharedSecretSpec getSharedSecret() {
    return sharedSecret;
  }

  public void setSharedSecret(SharedSecretSpec sharedSecret) {
    this.sharedSecret = sharedSecret == null ? new SharedSecretSpec() : sharedSecret;
  }

  public StaticUsersSpec getStaticUsers() {
    return staticUsers;
  }

  public void setStaticUsers(StaticUsersSpec staticUsers) {
    this.staticUsers = staticUsers;
  }
}
