package io.turnfleet.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.turnfleet.operator.api.TurnServer;

/** The DNS Service exists only while spec.dns.hostname is set. */
public class DnsPublishedCondition implements Condition<Object, TurnServer> {
  @Override
  public boolean isMet(DependentResource<Object, TurnServer> dependentResource, TurnServer primary,
      Context<TurnServer> context) {
    return primary.getSpec().getDns().published();
  }
}
