package io.turnfleet.operator.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which relay goes first when the fleet shrinks. A ReplicaSet that scales down deletes the pods with
 * the lowest {@value #DELETION_COST} first, so each relay carries its live allocations as its cost and
 * the least-loaded relay is the one that drains. Pure.
 *
 * <p>Kubernetes advises against updating the annotation from live metrics: it is written only when
 * the fleet is about to shrink, and only on relays whose annotation differs.
 */
public final class DrainOrder {
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private DrainOrder() {}

  /**
   * The deletion costs to write: pod name to cost, for member relays with a fresh report whose
   * annotation differs. Relays without a fresh report keep what they carry.
   */
  public static Map<String, String> changes(FleetLoad load) {
    Map<String, String> changes = new LinkedHashMap<>();
    for (FleetLoad.RelayReading reading : load.readings()) {
      if (!reading.member() || reading.current().isEmpty()) {
        continue;
      }
      String cost = Long.toString(Math.min(Integer.MAX_VALUE, reading.current().get().allocations()));
      if (!reading.pod().deletionCost().equals(java.util.Optional.of(cost))) {
        changes.put(reading.pod().name(), cost);
      }
    }
    return changes;
  }
}
