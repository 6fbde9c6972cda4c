package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.Objects;

/**
 * Applies the generated auth Secret. Its keys come from the existing Secret as the rotation advanced
 * them (or, the first time, from the generator), so reconciling never replaces a secret the relays
 * and apps already use.
 */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + AuthSecret.COMPONENT))
public class AuthSecretDependent extends OwnedDependent<Secret> {
  public AuthSecretDependent() {
    super(Secret.class);
  }

  @Override
  Secret desired(RelayFleetModel model) {
    return model.authSecret().orElseThrow(() -> new IllegalStateException("this fleet has no generated auth Secret"));
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.authSecretName(primary);
  }

  @Override
  boolean sameContent(Secret desired, Secret actual) {
    return Objects.equals(desired.getData(), actual.getData());
  }
}
