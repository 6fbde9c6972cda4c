package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Map;
import java.util.Optional;

/**
 * A relay pod as far as the fleet cares: where it runs, whether it takes new allocations, and the
 * deletion cost it carries.
 *
 * @param nodeName empty until the pod is scheduled
 * @param deletionCost the pod's {@value DrainOrder#DELETION_COST} annotation, if set
 */
public record RelayPod(String name, Optional<String> nodeName, boolean ready, boolean terminating,
    Optional<String> deletionCost) {

  public static RelayPod of(Pod pod) {
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    boolean ready = !terminating && pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(PodCondition::getStatus)
            .anyMatch("True"::equals);
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return new RelayPod(pod.getMetadata().getName(), Optional.ofNullable(node).filter(n -> !n.isEmpty()), ready,
        terminating, Optional.ofNullable(annotations == null ? null : annotations.get(DrainOrder.DELETION_COST)));
  }

  /** Pods that ended (Succeeded or Failed) are no longer relays of the fleet. */
  public static boolean isLive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }
}
