package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the credential service's Service. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + CredentialsDeployment.COMPONENT))
public class CredentialsServiceDependent extends OwnedDependent<Service> {
  public CredentialsServiceDependent() {
    super(Service.class);
  }

  @Override
  Service desired(RelayFleetModel model) {
    return model.credentialsService();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.credentialsName(primary);
  }

  @Override
  boolean sameContent(Service desired, Service actual) {
    return Objects.equals(DesiredHash.of(desired), DesiredHash.of(actual));
  }
}
