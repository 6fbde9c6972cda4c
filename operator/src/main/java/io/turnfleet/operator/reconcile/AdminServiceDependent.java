package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;

/** Applies the headless admin Service. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + AdminService.COMPONENT))
public class AdminServiceDependent extends OwnedDependent<Service> {
  public AdminServiceDependent() {
    super(Service.class);
  }

  @Override
  Service desired(RelayFleetModel model) {
    return model.adminService();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.adminServiceName(primary);
  }
}
