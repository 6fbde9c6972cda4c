package io.turnfleet.operator.fleet;

import java.util.List;

/** A relay pod with the addresses it advertises (empty while unscheduled or unresolved). */
public record FleetRelay(RelayPod pod, List<IpLiteral> addresses) {
  public FleetRelay {
    addresses = List.copyOf(addresses);
  }

  /** Ready and reachable: the pod is ready and its advertised address is known. */
  public boolean serving() {
    return pod.ready() && !addresses.isEmpty();
  }
}
