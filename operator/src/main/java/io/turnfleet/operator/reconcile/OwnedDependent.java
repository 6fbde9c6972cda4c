package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.turnfleet.operator.api.TurnServer;

/**
 * An object the operator owns: its desired state is one call into the {@link RelayFleetModel} the
 * reconciler put into the context. It matches when {@link OwnedFields} finds every desired field on
 * the live object (what the API server defaulted is no drift), the operator's annotations are the
 * same (the {@link DesiredHash} among them catches removed fields), and {@link #sameContent} holds.
 */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, TurnServer> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  abstract R desired(RelayFleetModel model);

  abstract String name(TurnServer primary);

  /** What the field comparison cannot tell, such as a data key the live object has and the desired lacks. */
  boolean sameContent(R desired, R actual) {
    return true;
  }

  /** Lets a dependent reconcile harmless representation differences before the comparison. */
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
    return Matcher.Result.computed(
        OwnedFields.match(alignedForDiff(desired, actual), actual) && sameContent(desired, actual), desired);
  }

  /** Updates from a copy of the live object without the operator's annotations that are no longer wanted. */
  @Override
  public R update(R actual, R desired, TurnServer primary, Context<TurnServer> context) {
    R live = context.getControllerConfiguration().getConfigurationService().getResourceCloner().clone(actual);
    OwnedFields.dropStaleAnnotations(live, desired);
    return super.update(live, desired, primary, context);
  }
}
