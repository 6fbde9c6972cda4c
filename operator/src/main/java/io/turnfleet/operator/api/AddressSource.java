package io.turnfleet.operator.api;

/** Where a relay's advertised address comes from. */
public enum AddressSource {
  /** The ExternalIP addresses of the relay's node. */
  ExternalIP,
  /** The InternalIP addresses of the relay's node (private networks, 1:1 NAT handled elsewhere). */
  InternalIP,
  /** The addresses listed for the relay's node in {@code spec.advertisedAddress.nodes}. */
  Static
}
