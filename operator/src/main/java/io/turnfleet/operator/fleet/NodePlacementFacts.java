package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;

/**
 * What about a Node matters to a fleet: its addresses (advertised, and the families relays serve)
 * and whatever decides whether a relay may run there. Heartbeats and other status updates compare
 * equal, so they wake no reconcile.
 */
public record NodePlacementFacts(List<NodeAddress> addresses, Map<String, String> labels, List<Taint> taints,
    Boolean unschedulable, boolean ready) {

  public static NodePlacementFacts of(Node node) {
    return new NodePlacementFacts(
        node.getStatus() == null ? null : node.getStatus().getAddresses(),
        node.getMetadata().getLabels(),
        node.getSpec() == null ? null : node.getSpec().getTaints(),
        node.getSpec() == null ? null : node.getSpec().getUnschedulable(),
        EligibleNodes.ready(node));
  }
}
