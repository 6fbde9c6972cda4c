package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.turnfleet.operator.api.AdvertisedAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The relays of one fleet at one moment, sorted by pod name. Pure: built from cached objects. */
public record FleetSnapshot(List<FleetRelay> relays) {
  public FleetSnapshot {
    relays = List.copyOf(relays);
  }

  public static FleetSnapshot empty() {
    return new FleetSnapshot(List.of());
  }

  /**
   * Observes the fleet's pods.
   *
   * @param nodes looks a Node up by name; returns null when unknown
   */
  public static FleetSnapshot observe(Collection<Pod> pods, Function<String, Node> nodes, AdvertisedAddress spec) {
    List<FleetRelay> relays = pods.stream()
        .filter(RelayPod::isLive)
        .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
        .map(pod -> {
          RelayPod relay = RelayPod.of(pod);
          Node node = relay.nodeName().map(nodes).orElse(null);
          List<IpLiteral> addresses = relay.nodeName()
              .map(name -> NodeAddresses.resolve(spec, name, node))
              .orElse(List.of());
          Map<String, String> annotations = pod.getMetadata().getAnnotations();
          return new FleetRelay(relay, addresses,
              AddressFamilies.parse(annotations == null ? null : annotations.get(AddressFamilies.ANNOTATION)),
              NodeAddresses.all(node));
        })
        .toList();
    return new FleetSnapshot(relays);
  }

  public List<FleetRelay> serving() {
    return relays.stream().filter(FleetRelay::serving).toList();
  }

  /** Advertised addresses per node of every scheduled relay whose address is known, by node name. */
  public Map<String, List<IpLiteral>> addressesByNode() {
    Map<String, List<IpLiteral>> result = new LinkedHashMap<>();
    relays.stream()
        .filter(r -> r.pod().nodeName().isPresent() && !r.addresses().isEmpty())
        .sorted(Comparator.comparing(r -> r.pod().nodeName().get()))
        .forEach(r -> result.put(r.pod().nodeName().get(), r.addresses()));
    return result;
  }

  /**
   * Every address a relay of the fleet can be reached at: advertised and node addresses of both
   * families, of every relay on a node (draining and starting ones too), sorted, each once.
   */
  public List<IpLiteral> relayAddresses() {
    return relays.stream()
        .flatMap(r -> java.util.stream.Stream.concat(r.addresses().stream(), r.nodeAddresses().stream()))
        .distinct()
        .sorted(Comparator.comparing((IpLiteral ip) -> ip.isIpv6()).thenComparing(IpLiteral::text))
        .toList();
  }

  /** Nodes running a relay of this fleet for which no advertised address could be resolved. */
  public List<String> nodesWithoutAddress() {
    return relays.stream()
        .filter(r -> r.pod().nodeName().isPresent() && r.addresses().isEmpty())
        .map(r -> r.pod().nodeName().get())
        .distinct()
        .sorted()
        .toList();
  }
}
