package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed of the fleet. Never holds secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TurnServerStatus {
  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready (a relay serves), Reconciling (work in progress) and Stalled (needs a human), as kstatus reads them.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Relays the fleet should run.")
  private Integer replicas;

  @JsonPropertyDescription("Relays accepting allocations.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Ready relays of the desired number, e.g. 2/3.")
  private String relaysReady;

  @JsonPropertyDescription("Live allocations across the fleet, from the relays' load reports; it moves when load moved by a tenth of what the fleet is sized for, so steady load writes no status.")
  private Integer allocations;

  @JsonPropertyDescription("Live allocations of what the fleet is sized for (spec.scaling.targetAllocationsPerRelay per relay), e.g. 120/150.")
  private String load;

  @JsonPropertyDescription("Number of entries in uris.")
  private Integer uriCount;

  @JsonPropertyDescription("One entry per relay pod.")
  private List<RelayStatus> relays = new ArrayList<>();

  @JsonPropertyDescription("TURN URIs of the ready relays, for ICE server configuration.")
  private List<TurnUri> uris = new ArrayList<>();

  @JsonPropertyDescription("The autoscaler's latest decision and its reason.")
  private AutoscalingStatus autoscaling;

  @JsonPropertyDescription("Rotation of the operator-generated shared secret.")
  private SharedSecretStatus sharedSecret;

  @JsonPropertyDescription("In-cluster URL of the credential service (GET /ice-servers), while it is enabled.")
  private String credentialsUrl;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getRelaysReady() {
    return relaysReady;
  }

  public void setRelaysReady(String relaysReady) {
    this.relaysReady = relaysReady;
  }

  public String getLoad() {
    return load;
  }

  public void setLoad(String load) {
    this.load = load;
  }

  public Integer getUriCount() {
    return uriCount;
  }

  public void setUriCount(Integer uriCount) {
    this.uriCount = uriCount;
  }

  public Integer getAllocations() {
    return allocations;
  }

  public void setAllocations(Integer allocations) {
    this.allocations = allocations;
  }

  public List<RelayStatus> getRelays() {
    return relays;
  }

  public void setRelays(List<RelayStatus> relays) {
    this.relays = relays == null ? new ArrayList<>() : relays;
  }

  public List<TurnUri> getUris() {
    return uris;
  }

  public void setUris(List<TurnUri> uris) {
    this.uris = uris == null ? new ArrayList<>() : uris;
  }

  public AutoscalingStatus getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingStatus autoscaling) {
    this.autoscaling = autoscaling;
  }

  public SharedSecretStatus getSharedSecret() {
    return sharedSecret;
  }

  public void setSharedSecret(SharedSecretStatus sharedSecret) {
    this.sharedSecret = sharedSecret;
  }

  public String getCredentialsUrl() {
    return credentialsUrl;
  }

  public void setCredentialsUrl(String credentialsUrl) {
    this.credentialsUrl = credentialsUrl;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TurnServerStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(readyReplicas, other.readyReplicas)
        && Objects.equals(relaysReady, other.relaysReady)
        && Objects.equals(allocations, other.allocations)
        && Objects.equals(load, other.load)
        && Objects.equals(uriCount, other.uriCount)
        && Objects.equals(relays, other.relays)
        && Objects.equals(uris, other.uris)
        && Objects.equals(autoscaling, other.autoscaling)
        && Objects.equals(sharedSecret, other.sharedSecret)
        && Objects.equals(credentialsUrl, other.credentialsUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, replicas, readyReplicas, relaysReady, allocations, load, uriCount,
        relays, uris, autoscaling, sharedSecret, credentialsUrl);
  }
}
