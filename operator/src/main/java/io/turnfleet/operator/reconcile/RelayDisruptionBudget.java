package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;

/** At most one relay of a fleet is evicted (and draining) at a time during node maintenance. */
public final class RelayDisruptionBudget {
  private RelayDisruptionBudget() {}

  public static PodDisruptionBudget build(TurnServer ts) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.disruptionBudgetName(ts), FleetLabels.RELAY))
        .withNewSpec()
          .withMaxUnavailable(new IntOrString(1))
          .withNewSelector().withMatchLabels(FleetLabels.relaySelector(ts)).endSelector()
        .endSpec()
        .build();
  }
}
