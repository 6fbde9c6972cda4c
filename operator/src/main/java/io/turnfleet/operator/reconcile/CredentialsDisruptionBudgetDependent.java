package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the credential service's PodDisruptionBudget. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + CredentialsDeployment.COMPONENT))
public class CredentialsDisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {
  public CredentialsDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  PodDisruptionBudget desired(RelayFleetModel model) {
    return model.credentialsDisruptionBudget();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.credentialsName(primary);
  }

  @Override
  boolean sameContent(PodDisruptionBudget desired, PodDisruptionBudget actual) {
    return Objects.equals(DesiredHash.of(desired), DesiredHash.of(actual));
  }
}
