package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * One DNS name for the fleet, published by external-dns from a headless Service of the relay pods:
 * the name resolves to the external addresses of the nodes whose relay is ready, so a draining relay
 * leaves DNS before it stops. Optionally a cert-manager Certificate for that name feeds the TLS
 * listeners' Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DnsSpec {
  @JsonPropertyDescription("DNS name of the fleet, e.g. turn.example.com; TURN URIs use it when set.")
  @Size(max = 253)
  @Pattern("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")
  private String hostname;

  @JsonPropertyDescription("cert-manager issuer of a Certificate for hostname, written to spec.tls.secretName.")
  private CertificateIssuer certificateIssuer;

  public String getHostname() {
    return hostname;
  }

  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  public CertificateIssuer getCertificateIssuer() {
    return certificateIssuer;
  }

  public void setCertificateIssuer(CertificateIssuer certificateIssuer) {
    this.certificateIssuer = certificateIssuer;
  }

  /** Set and not empty. */
  public boolean published() {
    return hostname != null && !hostname.isEmpty();
  }
}
