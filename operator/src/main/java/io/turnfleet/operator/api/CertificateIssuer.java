package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A cert-manager Issuer or ClusterIssuer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertificateIssuer {
  @JsonPropertyDescription("Name of the issuer.")
  @Required
  @Size(min = 1, max = 253)
  private String name;

  @JsonPropertyDescription("Issuer (in the TurnServer's namespace) or ClusterIssuer.")
  @Default("ClusterIssuer")
  @Pattern("^(Issuer|ClusterIssuer)$")
  private String kind = "ClusterIssuer";

  public CertificateIssuer() {}

  public CertificateIssuer(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind == null ? "ClusterIssuer" : kind;
  }
}
