package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the fleet ConfigMap with advertised addresses and alternates. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + FleetConfigMap.COMPONENT))
public class FleetConfigMapDependent extends OwnedDependent<ConfigMap> {
  public FleetConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  ConfigMap desired(RelayFleetModel model) {
    return model.fleetConfigMap();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.fleetConfigMapName(primary);
  }

  @Override
  boolean sameContent(ConfigMap desired, ConfigMap actual) {
    return Objects.equals(desired.getData(), actual.getData());
  }
}
