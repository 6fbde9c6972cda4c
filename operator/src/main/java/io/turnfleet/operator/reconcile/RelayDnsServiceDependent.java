package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/** Applies the headless Service external-dns publishes. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + RelayDnsService.COMPONENT))
public class RelayDnsServiceDependent extends OwnedDependent<Service> {
  public RelayDnsServiceDependent() {
    super(Service.class);
  }

  @Override
  Service desired(RelayFleetModel model) {
    return model.dnsService();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.dnsServiceName(primary);
  }

  @Override
  boolean sameContent(Service desired, Service actual) {
    return Objects.equals(DesiredHash.of(desired), DesiredHash.of(actual));
  }
}
