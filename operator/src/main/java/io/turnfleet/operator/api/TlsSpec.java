package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Certificate of the TLS listeners: a kubernetes.io/tls Secret, as cert-manager writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {
  @JsonPropertyDescription("Secret in the TurnServer's namespace with keys tls.crt and tls.key.")
  @Required
  @Size(min = 1, max = 253)
  private String secretName;

  public TlsSpec() {}

  public TlsSpec(String secretName) {
    this.secretName = secretName;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }
}
