package io.turnfleet.credentials.fleet;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One relay of the fleet as the operator publishes it.
 *
 * @param load allocations per unit of capacity (allocations when capacity is unlimited); empty while
 *     the relay has no fresh load report
 * @param uris its TURN URIs (RFC 7065), one per advertised address and listener
 */
public record Relay(String name, boolean ready, boolean draining, OptionalDouble load, List<String> uris) {
  public Relay {
    uris = List.copyOf(uris);
  }

  /** Takes new allocations: ready and not draining. */
  public boolean serving() {
    return ready && !draining;
  }
}
