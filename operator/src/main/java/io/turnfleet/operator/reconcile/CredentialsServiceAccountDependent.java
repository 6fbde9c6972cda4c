package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the credential service's ServiceAccount. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + CredentialsDeployment.COMPONENT))
public class CredentialsServiceAccountDependent extends OwnedDependent<ServiceAccount> {
  public CredentialsServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  ServiceAccount desired(RelayFleetModel model) {
    return model.credentialsServiceAccount();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.credentialsName(primary);
  }

  @Override
  boolean sameContent(ServiceAccount desired, ServiceAccount actual) {
    return Objects.equals(DesiredHash.of(desired), DesiredHash.of(actual));
  }
}
