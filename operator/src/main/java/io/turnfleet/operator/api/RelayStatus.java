package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One relay pod as the operator sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RelayStatus {
  @JsonPropertyDescription("Pod name.")
  private String pod;

  @JsonPropertyDescription("Node the pod runs on; empty while unscheduled.")
  private String node;

  @JsonPropertyDescription("Advertised address; empty while unknown.")
  private String address;

  @JsonPropertyDescription("Whether the relay accepts new allocations.")
  private boolean ready;

  @JsonPropertyDescription("Live allocations from the relay's latest load report, moving when they moved by a tenth of spec.scaling.targetAllocationsPerRelay; empty while no report is current.")
  private Integer allocations;

  @JsonPropertyDescription("True while the relay drains: it takes no new allocations and serves the ones it has.")
  private boolean draining;

  @JsonPropertyDescription("Why the latest load report could not be read, e.g. a timeout; empty when it could.")
  private String loadError;

  public RelayStatus() {}

  public RelayStatus(String pod, String node, String address, boolean ready, Integer allocations, boolean draining,
      String loadError) {
    this.pod = pod;
    this.node = node;
    this.address = address;
    this.ready = ready;
    this.allocations = allocations;
    this.draining = draining;
    this.loadError = loadError;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public boolean isReady() {
    return ready;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }

  public Integer getAllocations() {
    return allocations;
  }

  public void setAllocations(Integer allocations) {
    this.allocations = allocations;
  }

  public boolean isDraining() {
    return draining;
  }

  public void setDraining(boolean draining) {
    this.draining = draining;
  }

  public String getLoadError() {
    return loadError;
  }

  public void setLoadError(String loadError) {
    this.loadError = loadError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelayStatus other
        && ready == other.ready
        && draining == other.draining
        && Objects.equals(pod, other.pod)
        && Objects.equals(node, other.node)
        && Objects.equals(address, other.address)
        && Objects.equals(allocations, other.allocations)
        && Objects.equals(loadError, other.loadError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, node, address, ready, allocations, draining, loadError);
  }
}
