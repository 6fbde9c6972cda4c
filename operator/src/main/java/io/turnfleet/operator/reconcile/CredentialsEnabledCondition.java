package io.turnfleet.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;

/** The credential service's objects exist only while it is enabled (deleted when it is turned off). */
public class CredentialsEnabledCondition implements Condition<Object, TurnServer> {
  @Override
  public boolean isMet(DependentResource<Object, TurnServer> dependentResource, TurnServer primary,
      Context<TurnServer> context) {
    return enabled(primary.getSpec());
  }

  /** Enabled, and there is a shared secret to sign with (the CRD refuses the other case). */
  static boolean enabled(TurnServerSpec spec) {
    return spec.getCredentials().isEnabled() && spec.getAuth().getMode() == AuthMode.SharedSecret;
  }
}
