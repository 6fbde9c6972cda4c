package io.turnfleet.operator.kubelet;

/**
 * A node of the simulated cluster. Its network is a loopback address of its own (127.0.0.2,
 * 127.0.0.3, ...; Linux routes all of 127.0.0.0/8 to the loopback interface), so relays on
 * different nodes use the same ports, as host-network relays on real nodes do.
 */
public record TestNode(String name, String ip) {}
