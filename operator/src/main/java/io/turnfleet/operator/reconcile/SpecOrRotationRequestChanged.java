package io.turnfleet.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.secrets.SecretRotation;
import java.util.Map;
import java.util.Objects;

/**
 * Which TurnServer updates start a reconcile: spec changes (a new generation), deletion, and a new
 * value of the {@value SecretRotation#ROTATE_ANNOTATION} annotation, which changes no generation but
 * asks for a rotation at once. Status updates, the operator's own among them, start none.
 */
public class SpecOrRotationRequestChanged implements OnUpdateFilter<TurnServer> {
  @Override
  public boolean accept(TurnServer updated, TurnServer old) {
    Long before = old.getMetadata().getGeneration();
    return before == null
        || !before.equals(updated.getMetadata().getGeneration())
        || updated.isMarkedForDeletion()
        || !Objects.equals(rotationRequest(updated), rotationRequest(old));
  }

  static String rotationRequest(TurnServer ts) {
    Map<String, String> annotations = ts.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(SecretRotation.ROTATE_ANNOTATION);
  }
}
