package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Optional;

/**
 * A relay pod as far as the fleet cares: where it runs and whether it takes new allocations.
 *
 * @param nodeName empty until the pod is scheduled
 */
public record RelayPod(String name, Optional<String> nodeName, boolean ready, boolean terminating) {

  public static RelayPod of(Pod pod) {
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    boolean ready = !terminating && pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(PodCondition::getStatus)
            .anyMatch("True"::equals);
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return new RelayPod(pod.getMetadata().getName(),
        Optional.ofNullable(node).filter(n -> !n.isEmpty()), ready, terminating);
  }

  /** Pods that ended (Succeeded or Failed) are no longer relays of the fleet. */
  public static boolean isLive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }
}
