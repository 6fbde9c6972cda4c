package io.turnfleet.operator.reconcile;

/**
 * How the relay Deployment replaces relays. With an eligible node free, a new relay starts there
 * first (maxSurge 1, maxUnavailable 0) and an old one drains only once its replacement is ready, so
 * the fleet never runs short. Without one, a surge pod could never start (the old relay holds the
 * node's ports and anti-affinity forbids a second relay there), so relays are replaced in place, one
 * at a time (maxSurge 0, maxUnavailable 1), and the fleet runs one relay short while each drains.
 *
 * @param spareNodes eligible nodes free for a new relay ({@code fleet.EligibleNodes#spare})
 */
public record RolloutStrategy(int spareNodes) {
  /** Status condition: True when a rollout keeps the fleet's capacity (a spare node is free). */
  public static final String CONDITION = "RolloutCapacity";
  public static final String SURGE_ON_SPARE_NODE = "SurgeOnSpareNode";
  public static final String NO_SPARE_NODE = "NoSpareNode";

  public boolean surge() {
    return spareNodes > 0;
  }

  public int maxSurge() {
    return surge() ? 1 : 0;
  }

  public int maxUnavailable() {
    return surge() ? 0 : 1;
  }

  public String reason() {
    return surge() ? SURGE_ON_SPARE_NODE : NO_SPARE_NODE;
  }

  public String message() {
    return surge()
        ? spareNodes + " eligible node" + (spareNodes == 1 ? " is" : "s are") + " free: a rollout starts each new"
            + " relay there before its predecessor drains, so the fleet keeps its capacity."
        : "No eligible node is free (each node matching spec.nodeSelector, spec.affinity and spec.tolerations runs"
            + " a relay of this fleet): a rollout replaces relays in place, one at a time, and the fleet runs one"
            + " relay short while each drains; add an eligible node to keep full capacity.";
  }
}
