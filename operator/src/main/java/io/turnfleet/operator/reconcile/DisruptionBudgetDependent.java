package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;

/** Applies the PodDisruptionBudget. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + FleetLabels.RELAY))
public class DisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {
  public DisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  PodDisruptionBudget desired(RelayFleetModel model) {
    return model.disruptionBudget();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.disruptionBudgetName(primary);
  }
}
