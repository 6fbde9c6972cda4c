package io.turnfleet.operator.fleet;

import java.util.List;

/**
 * A relay pod with the addresses its node advertises (empty while unscheduled or unresolved), the
 * address families it listens and relays on, and every address of its node (InternalIP and
 * ExternalIP of both families: with host networking the relay is reachable on each of them).
 */
public record FleetRelay(RelayPod pod, List<IpLiteral> addresses, AddressFamilies families,
    List<IpLiteral> nodeAddresses) {
  public FleetRelay {
    addresses = List.copyOf(addresses);
    nodeAddresses = List.copyOf(nodeAddresses);
  }

  /** The advertised addresses in the families this relay serves: where clients can reach it. */
  public List<IpLiteral> served() {
    return addresses.stream().filter(families::includes).toList();
  }

  /** Ready and reachable: the pod is ready and it serves an advertised address. */
  public boolean serving() {
    return pod.ready() && !served().isEmpty();
  }
}
