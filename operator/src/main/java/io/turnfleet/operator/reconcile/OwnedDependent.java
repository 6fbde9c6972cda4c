package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.turnfleet.operator.api.TurnServer;

/**
 * An object the operator owns: its desired state is one call into the {@link RelayFleetModel} the
 * reconciler put into the context. It matches when the generic diff finds no changed field and
 * {@link #sameContent} holds; the latter catches removed fields the generic diff ignores.
 */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, TurnServer> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  abstract R desired(RelayFleetModel model);

  abstract String name(TurnServer primary);

  abstract boolean sameContent(R desired, R actual);

  /** Lets a dependent reconcile harmless representation differences before the generic diff. */
  R alignedForDiff(R desired, R actual) {
    return desired;
  }

  static RelayFleetModel model(Context<TurnServer> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(RelayFleetModel.class, RelayFleetModel.class);
  }

  @Override
  protected R desired(TurnServer primary, Context<TurnServer> context) {
    return desired(model(context));
  }

  @Override
  protected ResourceID targetSecondaryResourceID(TurnServer primary, Context<TurnServer> context) {
    return new ResourceID(name(primary), primary.getMetadata().getNamespace());
  }

  @Override
  public Matcher.Result<R> match(R actual, R desired, TurnServer primary, Context<TurnServer> context) {
    boolean genericMatch = super.match(actual, alignedForDiff(desired, actual), primary, context).matched();
    return Matcher.Result.computed(genericMatch && sameContent(desired, actual), desired);
  }
}
