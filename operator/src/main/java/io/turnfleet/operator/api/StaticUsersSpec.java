package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Static long-term credentials: a Secret key holding {@code name:password} lines. */
public class StaticUsersSpec {
  public static final String DEFAULT_KEY = "users";

  @JsonPropertyDescription("Secret in the TurnServer's namespace.")
  @Required
  @Size(min = 1, max = 253)
  private String secretName;

  @JsonPropertyDescription("Key of the Secret holding name:password lines.")
  @Default(DEFAULT_KEY)
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(min = 1, max = 253)
  private String key = DEFAULT_KEY;

  public StaticUsersSpec() {}

  public StaticUsersSpec(String secretName, String key) {
    this.secretName = secretName;
    this.key = key;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key == null ? DEFAULT_KEY : key;
  }
}
