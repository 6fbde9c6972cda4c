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

  public RelayStatus() {}

  public RelayStatus(String pod, String node, String address, boolean ready) {
    this.pod = pod;
    this.node = node;
    this.address = address;
    this.ready = ready;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof RelayStatus other
        && ready == other.ready
        && Objects.equals(pod, other.pod)
        && Objects.equals(node, other.node)
        && Objects.equals(address, other.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, node, address, ready);
  }
}
