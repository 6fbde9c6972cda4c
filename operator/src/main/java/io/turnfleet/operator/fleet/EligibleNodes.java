package io.turnfleet.operator.fleet;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.turnfleet.operator.api.TurnServerSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nodes a relay of a fleet may be scheduled on, judged as the scheduler's required rules do:
 * Ready and not cordoned, matching {@code nodeSelector} and the required node affinity, and every
 * NoSchedule/NoExecute taint tolerated. Pure: built from the informer's cached Nodes.
 */
public final class EligibleNodes {
  private EligibleNodes() {}

  public static List<Node> of(TurnServerSpec spec, Collection<Node> nodes) {
    return nodes.stream().filter(node -> eligible(spec, node)).toList();
  }

  /**
   * Eligible nodes a rollout can start a new relay on without waiting for an old one: the eligible
   * nodes no relay pod of the fleet occupies (a draining one still holds the node's ports), plus
   * surplus pods that a rollout adds and removes again, minus pods still waiting for a node.
   *
   * @param pods the fleet's live relay pods
   * @param replicas the relays the fleet runs
   */
  public static int spare(TurnServerSpec spec, Collection<Node> nodes, Collection<Pod> pods, int replicas) {
    Set<String> occupied = pods.stream().map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
        .filter(Objects::nonNull).collect(Collectors.toSet());
    long free = of(spec, nodes).stream().filter(n -> !occupied.contains(n.getMetadata().getName())).count();
    long scheduledActive = pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
        .count();
    return (int) Math.max(0, free + scheduledActive - replicas);
  }

  /**
   * The address families the eligible nodes advertise (as {@code spec.advertisedAddress} resolves
   * them): the families the fleet's relays listen and relay on. IPv4 alone while none is known.
   */
  public static AddressFamilies families(TurnServerSpec spec, Collection<Node> nodes) {
    return AddressFamilies.of(of(spec, nodes).stream()
        .flatMap(node -> NodeAddresses.resolve(spec.getAdvertisedAddress(), node.getMetadata().getName(), node)
            .stream())
        .toList());
  }

  static boolean eligible(TurnServerSpec spec, Node node) {
    return ready(node) && !Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable())
        && labelsMatch(spec.getNodeSelector(), labels(node))
        && affinityMatches(spec.getAffinity(), node)
        && tolerated(spec.getTolerations(), node);
  }

  static boolean ready(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return true;
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .allMatch(c -> "True".equals(c.getStatus()));
  }

  private static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }

  private static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Required node affinity: any term matches; within a term every expression and field matches. */
  private static boolean affinityMatches(Affinity affinity, Node node) {
    if (affinity == null || affinity.getNodeAffinity() == null
        || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    List<NodeSelectorTerm> terms =
        affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    if (terms == null || terms.isEmpty()) {
      return true;
    }
    Map<String, String> labels = labels(node);
    Map<String, String> fields = Map.of("metadata.name", node.getMetadata().getName());
    return terms.stream().anyMatch(term ->
        (term.getMatchExpressions() != null || term.getMatchFields() != null)
            && all(term.getMatchExpressions(), labels) && all(term.getMatchFields(), fields));
  }

  private static boolean all(List<NodeSelectorRequirement> requirements, Map<String, String> values) {
    return requirements == null || requirements.stream().allMatch(r -> matches(r, values.get(r.getKey())));
  }

  private static boolean matches(NodeSelectorRequirement requirement, String value) {
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> value != null && values.size() == 1 && compare(value, values.get(0), requirement.getOperator());
      default -> false;
    };
  }

  private static boolean compare(String value, String bound, String operator) {
    try {
      long v = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return "Gt".equals(operator) ? v > b : v < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean tolerated(List<Toleration> tolerations, Node node) {
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
    return taints.stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .allMatch(t -> tolerations.stream().anyMatch(tol -> tolerates(tol, t)));
  }

  private static boolean tolerates(Toleration toleration, Taint taint) {
    if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
        && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    boolean exists = "Exists".equals(toleration.getOperator());
    if (toleration.getKey() == null || toleration.getKey().isEmpty()) {
      return exists;
    }
    return toleration.getKey().equals(taint.getKey())
        && (exists || Objects.equals(Objects.requireNonNullElse(toleration.getValue(), ""),
            Objects.requireNonNullElse(taint.getValue(), "")));
  }
}
