package io.turnfleet.operator.fleet;

/**
 * The load the autoscaler sizes the fleet for.
 *
 * @param allocations live allocations on member relays with a fresh report
 * @param bytesPerSecond relayed bytes per second on those relays, both directions
 * @param measured ready member relays with a fresh report
 * @param unmeasured ready member relays without one
 */
public record LoadSummary(long allocations, double bytesPerSecond, int measured, int unmeasured) {
  public static LoadSummary of(FleetLoad load) {
    return new LoadSummary(load.memberAllocations(), load.memberBytesPerSecond(), load.measured(), load.unmeasured());
  }
}
