package io.turnfleet.operator.kubelet;

/**
 * A node of the simulated cluster. Its network is a loopback address of its own (127.0.0.2,
 * 127.0.0.3, ...; Linux routes all of 127.0.0.0/8 to the loopback interface), so relays on
 * different nodes use the same ports, as host-network relays on real nodes do; an IPv6-only node
 * is {@code ::1}.
 */
public record TestNode(String name, String ip) {
  public boolean ipv6() {
    return ip.contains(":");
  }

  /** The address in a URI or beside a port: brackets around IPv6. */
  public String host() {
    return ipv6() ? "[" + ip + "]" : ip;
  }

  /** The wildcard listener address of this node's family, as the relay configuration writes it. */
  String wildcard() {
    return ipv6() ? "[::]:" : "0.0.0.0:";
  }
}
