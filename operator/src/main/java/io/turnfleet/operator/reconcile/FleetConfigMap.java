package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetRelay;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.IpLiteral;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ConfigMap {@code <name>-fleet}, mounted in every relay: key {@code <nodeName>} holds the addresses
 * a relay on that node advertises, key {@code alternates} the relays a draining or full relay sends
 * clients to with 300 Try Alternate: ready ones that are not draining (neither terminating nor
 * reporting draining in their latest load report), key {@code relay-addresses} every address of
 * every relay of the fleet (advertised and node addresses, both families), which a relay treats as
 * its own fleet's. Kubelet updates mounted ConfigMaps in place, so changes reach relays without a
 * restart.
 */
public final class FleetConfigMap {
  public static final String COMPONENT = "fleet";

  private FleetConfigMap() {}

  public static ConfigMap build(TurnServer ts, FleetSnapshot fleet, FleetLoad load) {
    Map<String, String> data = new LinkedHashMap<>();
    fleet.addressesByNode().forEach((node, addresses) ->
        data.put(node, addresses.stream().map(IpLiteral::text).collect(Collectors.joining("\n", "", "\n"))));
    data.put(RelayFiles.ALTERNATES_KEY, fleet.serving().stream()
        .filter(relay -> load.of(relay.pod().name()).map(FleetLoad.RelayReading::member).orElse(true))
        .map(FleetRelay::served)
        .flatMap(List::stream)
        .map(address -> alternateLine(address, ts.getSpec()) + "\n")
        .collect(Collectors.joining()));
    data.put(RelayFiles.RELAY_ADDRESSES_KEY, fleet.relayAddresses().stream()
        .map(address -> address.text() + "\n")
        .collect(Collectors.joining()));
    return new ConfigMapBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.fleetConfigMapName(ts), COMPONENT))
        .withData(data)
        .build();
  }

  /**
   * One line of the alternates file the relay reads ({@code IP:PORT [tcp=PORT] [tls=PORT] [domain=NAME]}):
   * the primary UDP port, the ports of the first TCP and TLS listeners, so that a 300 sends a client to
   * its own transport, and the fleet's DNS name, which TLS clients get as ALTERNATE-DOMAIN (RFC 8489 §14.16).
   */
  static String alternateLine(IpLiteral address, TurnServerSpec spec) {
    StringBuilder line = new StringBuilder(address.withPort(alternatePort(spec.getListeners())));
    firstPort(spec.getListeners(), ListenerProtocol.TCP).ifPresent(port -> line.append(" tcp=").append(port));
    firstPort(spec.getListeners(), ListenerProtocol.TLS).ifPresent(port -> line.append(" tls=").append(port));
    if (spec.getDns().published()) {
      line.append(" domain=").append(spec.getDns().getHostname());
    }
    return line.toString();
  }

  private static Optional<Integer> firstPort(List<Listener> listeners, ListenerProtocol protocol) {
    return listeners.stream().filter(l -> l.getProtocol() == protocol).findFirst().map(Listener::getPort);
  }

  /** The primary UDP listener's port, or the first listener's when the fleet has no UDP. */
  static int alternatePort(List<Listener> listeners) {
    return listeners.stream()
        .filter(l -> l.getProtocol() == ListenerProtocol.UDP)
        .findFirst()
        .orElse(listeners.get(0))
        .getPort();
  }
}
