package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.turnfleet.operator.api.TurnServer;

/** The auth Secret exists only while the operator generates the shared secret. */
public class GeneratedAuthSecretCondition implements Condition<Secret, TurnServer> {
  @Override
  public boolean isMet(DependentResource<Secret, TurnServer> dependentResource, TurnServer primary,
      Context<TurnServer> context) {
    return RelayFleetModel.generatesAuthSecret(primary.getSpec());
  }
}
