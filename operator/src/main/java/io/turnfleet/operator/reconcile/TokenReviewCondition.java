package io.turnfleet.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;

/** The credential service's ServiceAccount exists only while it checks tokens with TokenReview. */
public class TokenReviewCondition implements Condition<Object, TurnServer> {
  @Override
  public boolean isMet(DependentResource<Object, TurnServer> dependentResource, TurnServer primary,
      Context<TurnServer> context) {
    return reviewsTokens(primary.getSpec());
  }

  static boolean reviewsTokens(TurnServerSpec spec) {
    return CredentialsEnabledCondition.enabled(spec) && spec.getCredentials().isTokenReview();
  }
}
