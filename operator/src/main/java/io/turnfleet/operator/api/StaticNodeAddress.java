package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** The advertised addresses of relays running on one node. */
public class StaticNodeAddress {
  @JsonPropertyDescription("Node name.")
  @Required
  @Size(min = 1, max = 253)
  private String node;

  @JsonPropertyDescription("IP addresses to advertise, at most one IPv4 and one IPv6.")
  @Required
  @Size(min = 1, max = 2)
  private List<@Pattern("^[0-9a-fA-F:.]+$") @Size(max = 45) String> addresses = new ArrayList<>();

  public StaticNodeAddress() {}

  public StaticNodeAddress(String node, List<String> addresses) {
    this.node = node;
    this.addresses = new ArrayList<>(addresses);
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public List<String> getAddresses() {
    return addresses;
  }

  public void setAddresses(List<String> addresses) {
    this.addresses = addresses == null ? new ArrayList<>() : addresses;
  }
}
