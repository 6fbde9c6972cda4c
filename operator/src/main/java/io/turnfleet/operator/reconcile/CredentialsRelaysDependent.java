package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the credential service's relays ConfigMap. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + CredentialsRelays.COMPONENT))
public class CredentialsRelaysDependent extends OwnedDependent<ConfigMap> {
  public CredentialsRelaysDependent() {
    super(ConfigMap.class);
  }

  @Override
  ConfigMap desired(RelayFleetModel model) {
    return model.credentialsRelays();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.credentialsRelaysConfigMapName(primary);
  }

  @Override
  boolean sameContent(ConfigMap desired, ConfigMap actual) {
    return Objects.equals(desired.getData(), actual.getData());
  }
}
