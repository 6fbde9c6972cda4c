package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential service: an HTTP API in the cluster that hands apps short-lived TURN REST
 * credentials together with the URIs of the least loaded ready relays. Off unless enabled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!self.enabled || self.tokenReview || (has(self.apiKeysSecretName) && size(self.apiKeysSecretName) > 0)",
    message = "spec.credentials needs apiKeysSecretName, tokenReview: true or both, so that callers authenticate")
public class CredentialsSpec {
  public static final int DEFAULT_REPLICAS = 2;
  public static final String DEFAULT_MAX_TTL = "12h";
  public static final int DEFAULT_MAX_RELAYS = 3;
  public static final String DEFAULT_SIGNING_KEY = "current";
  public static final int DEFAULT_REQUESTS_PER_SECOND = 5;
  public static final int DEFAULT_BURST = 20;

  @JsonPropertyDescription("Run the credential service.")
  @Default("false")
  private boolean enabled;

  @JsonPropertyDescription("Credential service image; defaults to the credential service image the operator was"
      + " installed with.")
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription("Replicas of the credential service.")
  @Default("2")
  @Min(1)
  @Max(20)
  private int replicas = DEFAULT_REPLICAS;

  @JsonPropertyDescription("Longest lifetime of a credential handed out (callers may ask for less), e.g. 12h.")
  @Default(DEFAULT_MAX_TTL)
  @Pattern(SharedSecretSpec.DURATION_PATTERN)
  private String maxTTL = DEFAULT_MAX_TTL;

  @JsonPropertyDescription("Relays named in one answer, least loaded first.")
  @Default("3")
  @Min(1)
  @Max(50)
  private int maxRelays = DEFAULT_MAX_RELAYS;

  @JsonPropertyDescription("Key of the shared-secret Secret credentials are signed with.")
  @Default(DEFAULT_SIGNING_KEY)
  @Size(min = 1, max = 253)
  @Pattern("^[-._a-zA-Z0-9]+$")
  private String signingKey = DEFAULT_SIGNING_KEY;

  @JsonPropertyDescription("Browser origins allowed to call the service (CORS), e.g. https://app.example.com, or *.")
  @Size(max = 32)
  private List<String> corsOrigins = new ArrayList<>();

  @JsonPropertyDescription("Secret of API keys: each key of the Secret names a caller, its value is that caller's key.")
  @Size(max = 253)
  private String apiKeysSecretName;

  @JsonPropertyDescription("Accept Kubernetes ServiceAccount tokens, checked with TokenReview (in-cluster backends).")
  @Default("false")
  private boolean tokenReview;

  @JsonPropertyDescription("Requests per second each caller may make, on average.")
  @Default("5")
  @Min(1)
  @Max(10000)
  private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;

  @JsonPropertyDescription("Requests a caller may make at once.")
  @Default("20")
  @Min(1)
  @Max(100000)
  private int burst = DEFAULT_BURST;

  @JsonPropertyDescription("Compute resources of the credential service container.")
  private ResourceRequirements resources;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = Boolean.TRUE.equals(enabled);
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas == null ? DEFAULT_REPLICAS : replicas;
  }

  public String getMaxTTL() {
    return maxTTL;
  }

  public void setMaxTTL(String maxTTL) {
    this.maxTTL = maxTTL == null ? DEFAULT_MAX_TTL : maxTTL;
  }

  public int getMaxRelays() {
    return maxRelays;
  }

  public void setMaxRelays(Integer maxRelays) {
    this.maxRelays = maxRelays == null ? DEFAULT_MAX_RELAYS : maxRelays;
  }

  public String getSigningKey() {
    return signingKey;
  }

  public void setSigningKey(String signingKey) {
    this.signingKey = signingKey == null ? DEFAULT_SIGNING_KEY : signingKey;
  }

  public List<String> getCorsOrigins() {
    return corsOrigins;
  }

  public void setCorsOrigins(List<String> corsOrigins) {
    this.corsOrigins = corsOrigins == null ? new ArrayList<>() : corsOrigins;
  }

  public String getApiKeysSecretName() {
    return apiKeysSecretName;
  }

  public void setApiKeysSecretName(String apiKeysSecretName) {
    this.apiKeysSecretName = apiKeysSecretName;
  }

  public boolean isTokenReview() {
    return tokenReview;
  }

  public void setTokenReview(Boolean tokenReview) {
    this.tokenReview = Boolean.TRUE.equals(tokenReview);
  }

  public int getRequestsPerSecond() {
    return requestsPerSecond;
  }

  public void setRequestsPerSecond(Integer requestsPerSecond) {
    this.requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
  }

  public int getBurst() {
    return burst;
  }

  public void setBurst(Integer burst) {
    this.burst = burst == null ? DEFAULT_BURST : burst;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
