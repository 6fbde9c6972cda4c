package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the credential service's Deployment. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + CredentialsDeployment.COMPONENT))
public class CredentialsDeploymentDependent extends OwnedDependent<Deployment> {
  public CredentialsDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  Deployment desired(RelayFleetModel model) {
    return model.credentialsDeployment();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.credentialsName(primary);
  }

  /** As for the relays: the API server's canonical spelling of a quantity is no drift. */
  @Override
  Deployment alignedForDiff(Deployment desired, Deployment actual) {
    return DeploymentDependent.withLiveQuantities(desired, actual);
  }

  @Override
  boolean sameContent(Deployment desired, Deployment actual) {
    return Objects.equals(DesiredHash.of(desired), DesiredHash.of(actual));
  }
}
