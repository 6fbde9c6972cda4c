package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.List;
import java.util.Map;

/** Applies the relay Deployment. */
@KubernetesDependent(informer = @Informer(
    labelSelector = FleetLabels.MANAGED_SELECTOR + "," + FleetLabels.COMPONENT + "=" + FleetLabels.RELAY))
public class DeploymentDependent extends OwnedDependent<Deployment> {
  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  Deployment desired(RelayFleetModel model) {
    return model.deployment();
  }

  @Override
  String name(TurnServer primary) {
    return TurnServerNames.deploymentName(primary);
  }

  /**
   * The API server rewrites quantities canonically ("1000m" becomes "1"); take the live spelling of
   * every quantity that has the same value, so such a rewrite is not mistaken for drift.
   */
  @Override
  Deployment alignedForDiff(Deployment desired, Deployment actual) {
    return withLiveQuantities(desired, actual);
  }

  /** The desired Deployment with each container quantity spelled as the live one when their values match. */
  static Deployment withLiveQuantities(Deployment desired, Deployment actual) {
    Deployment aligned = new DeploymentBuilder(desired).build();
    List<Container> live = actual.getSpec() == null || actual.getSpec().getTemplate() == null
        || actual.getSpec().getTemplate().getSpec() == null
        ? List.of() : actual.getSpec().getTemplate().getSpec().getContainers();
    for (Container container : aligned.getSpec().getTemplate().getSpec().getContainers()) {
      live.stream().filter(c -> container.getName().equals(c.getName())).findFirst().ifPresent(liveContainer ->
          alignQuantities(container.getResources(), liveContainer.getResources()));
    }
    return aligned;
  }

  private static void alignQuantities(ResourceRequirements desired, ResourceRequirements live) {
    if (desired == null || live == null) {
      return;
    }
    align(desired.getRequests(), live.getRequests());
    align(desired.getLimits(), live.getLimits());
  }

  private static void align(Map<String, Quantity> desired, Map<String, Quantity> live) {
    if (desired == null || live == null) {
      return;
    }
    desired.replaceAll((name, quantity) -> {
      Quantity liveQuantity = live.get(name);
      return liveQuantity != null
          && quantity.getNumericalAmount().compareTo(liveQuantity.getNumericalAmount()) == 0
          ? liveQuantity : quantity;
    });
  }
}
