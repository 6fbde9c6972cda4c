package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** How the operator finds each relay's advertised address. */
@ValidationRule(value = "self.source != 'Static' || (has(self.nodes) && size(self.nodes) > 0)",
    message = "spec.advertisedAddress.nodes must list addresses when source is Static")
public class AdvertisedAddress {
  @JsonPropertyDescription("ExternalIP or InternalIP of the relay's node, or Static (addresses listed per node).")
  @Default("ExternalIP")
  private AddressSource source = AddressSource.ExternalIP;

  @JsonPropertyDescription("Advertised addresses per node, used when source is Static.")
  @Size(max = 100)
  @ValidationRule(value = "self.all(a, self.filter(b, b.node == a.node).size() == 1)",
      message = "each node may be listed once in spec.advertisedAddress.nodes")
  private List<StaticNodeAddress> nodes = new ArrayList<>();

  public AddressSource getSource() {
    return source;
  }

  public void setSource(AddressSource source) {
    this.source = source == null ? AddressSource.ExternalIP : source;
  }

  public List<StaticNodeAddress> getNodes() {
    return nodes;
  }

  public void setNodes(List<StaticNodeAddress> nodes) {
    this.nodes = nodes == null ? new ArrayList<>() : nodes;
  }
}
