package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.secrets.RotationTimes;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the generated auth Secret. Its keys come from the existing Secret as the rotation advanced
 * them (or, the first time, from the generator), so reconciling never replaces a secret the relays
 * and apps already use.
 */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + AuthSecret.COMPONENT))
public class AuthSecretDependent extends OwnedDependent<Secret> {
  private static final Set<String> ROTATION_ANNOTATIONS = Set.of(RotationTimes.CURRENT_SINCE,
      RotationTimes.NEXT_SINCE, RotationTimes.PREVIOUS_UNTIL, RotationTimes.HANDLED_REQUEST);

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
    return Objects.equals(desired.getData(), actual.getData()) && Objects.equals(desired.getType(), actual.getType())
        && rotationAnnotations(desired).equals(rotationAnnotations(actual));
  }

  private static Map<String, String> rotationAnnotations(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations() == null
        ? Map.of() : secret.getMetadata().getAnnotations();
    Map<String, String> rotation = new TreeMap<>();
    annotations.forEach((key, value) -> {
      if (ROTATION_ANNOTATIONS.contains(key)) {
        rotation.put(key, value);
      }
    });
    return rotation;
  }
}
