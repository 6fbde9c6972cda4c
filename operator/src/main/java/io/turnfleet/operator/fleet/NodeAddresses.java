package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.turnfleet.operator.api.AdvertisedAddress;
import io.turnfleet.operator.api.StaticNodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the address a relay advertises from its node, as the spec says. A relay takes at most one
 * address per family (relay flag {@code --external-ip}), so the first IPv4 and the first IPv6 win.
 */
public final class NodeAddresses {
  private NodeAddresses() {}

  /**
   * Returns the advertised addresses of a relay on {@code nodeName}, IPv4 first; empty when the node
   * (or the spec's static list) has none.
   *
   * @param node the Node object, or null when it is not known (yet)
   */
  public static List<IpLiteral> resolve(AdvertisedAddress spec, String nodeName, Node node) {
    List<String> candidates = switch (spec.getSource()) {
      case ExternalIP -> ofType(node, "ExternalIP");
      case InternalIP -> ofType(node, "InternalIP");
      case Static -> spec.getNodes().stream()
          .filter(n -> nodeName.equals(n.getNode()))
          .findFirst()
          .map(StaticNodeAddress::getAddresses)
          .orElse(List.of());
    };
    Optional<IpLiteral> v4 = Optional.empty();
    Optional<IpLiteral> v6 = Optional.empty();
    for (String candidate : candidates) {
      Optional<IpLiteral> ip = IpLiteral.parse(candidate);
      if (ip.isEmpty()) {
        continue;
      }
      if (ip.get().isIpv6()) {
        v6 = v6.or(() -> ip);
      } else {
        v4 = v4.or(() -> ip);
      }
    }
    List<IpLiteral> result = new ArrayList<>(2);
    v4.ifPresent(result::add);
    v6.ifPresent(result::add);
    return result;
  }

  /** Every InternalIP and ExternalIP literal of a node, both families; empty when the node is unknown. */
  public static List<IpLiteral> all(Node node) {
    List<IpLiteral> result = new ArrayList<>();
    for (String type : List.of("InternalIP", "ExternalIP")) {
      ofType(node, type).forEach(text -> IpLiteral.parse(text).ifPresent(result::add));
    }
    return result;
  }

  private static List<String> ofType(Node node, String type) {
    if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return List.of();
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> type.equals(a.getType()))
        .map(NodeAddress::getAddress)
        .toList();
  }
}
