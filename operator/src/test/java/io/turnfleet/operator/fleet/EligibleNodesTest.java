package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.turnfleet.operator.api.TurnServerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EligibleNodesTest {
  private static NodeBuilder node(String name, String... addresses) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.of("pool", "turn"))
        .endMetadata();
    var status = node.withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition();
    for (String address : addresses) {
      status.addNewAddress().withType("ExternalIP").withAddress(address).endAddress();
    }
    return status.endStatus();
  }

  private static Pod relayOn(String node, boolean terminating) {
    return new PodBuilder().withNewMetadata().withName("relay-" + node)
        .withDeletionTimestamp(terminating ? "2025-01-01T00:00:00Z" : null).endMetadata()
        .withNewSpec().withNodeName(node).endSpec().build();
  }

  private static Pod unscheduled() {
    return new PodBuilder().withNewMetadata().withName("pending").endMetadata().withNewSpec().endSpec().build();
  }

  private static List<String> names(List<Node> nodes) {
    return nodes.stream().map(n -> n.getMetadata().getName()).toList();
  }

  @Test
  void cordonedNotReadyUnselectedAndUntoleratedTaintedNodesAreNotEligible() {
    TurnServerSpec spec = new TurnServerSpec();
    spec.getNodeSelector().put("pool", "turn");
    List<Node> nodes = List.of(
        node("ok").build(),
        node("cordoned").editOrNewSpec().withUnschedulable(true).endSpec().build(),
        node("not-ready").editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False")
            .endCondition().endStatus().build(),
        node("other-pool").editMetadata().withLabels(Map.of("pool", "web")).endMetadata().build(),
        node("tainted").editOrNewSpec().addNewTaint().withKey("dedicated").withValue("db").withEffect("NoSchedule")
            .endTaint().endSpec().build(),
        node("soft-taint").editOrNewSpec().addNewTaint().withKey("x").withEffect("PreferNoSchedule").endTaint()
            .endSpec().build());
    assertThat(names(EligibleNodes.of(spec, nodes))).containsExactly("ok", "soft-taint");

    spec.setTolerations(List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "db")));
    assertThat(names(EligibleNodes.of(spec, nodes))).containsExactly("ok", "tainted", "soft-taint");
  }

  @Test
  void requiredNodeAffinityNarrowsTheNodes() {
    TurnServerSpec spec = new TurnServerSpec();
    spec.setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("a", "b")
        .endMatchExpression().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
    List<Node> nodes = List.of(
        node("in-a").editMetadata().addToLabels("zone", "a").endMetadata().build(),
        node("in-c").editMetadata().addToLabels("zone", "c").endMetadata().build(),
        node("no-zone").build());
    assertThat(names(EligibleNodes.of(spec, nodes))).containsExactly("in-a");
  }

  @Test
  void aSpareNodeIsAnEligibleNodeNoRelayOfTheFleetHoldsNotClaimedByAPendingPod() {
    TurnServerSpec spec = new TurnServerSpec();
    List<Node> nodes = List.of(node("a").build(), node("b").build(), node("c").build());
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false)), 1)).isEqualTo(2);
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false), relayOn("b", false), relayOn("c", false)),
        3)).isZero();
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false), unscheduled()), 2))
        .as("the pending pod will take one of the two free nodes").isEqualTo(1);
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false), relayOn("b", true), relayOn("c", false)),
        2)).as("a draining relay still holds its node's ports").isZero();
  }

  @Test
  void aRolloutsSurgePodKeepsCountingItsNodeAsSpareSoTheStrategyHoldsUntilTheRolloutEnds() {
    TurnServerSpec spec = new TurnServerSpec();
    List<Node> nodes = List.of(node("a").build(), node("b").build());
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false)), 1)).isEqualTo(1);
    assertThat(EligibleNodes.spare(spec, nodes, List.of(relayOn("a", false), relayOn("b", false)), 1))
        .as("old relay on a, its replacement on b").isEqualTo(1);
  }

  @Test
  void theFleetServesTheFamiliesItsEligibleNodesAdvertise() {
    TurnServerSpec spec = new TurnServerSpec();
    assertThat(EligibleNodes.families(spec, List.of(node("v4", "203.0.113.1").build())))
        .isEqualTo(AddressFamilies.IPV4_ONLY);
    assertThat(EligibleNodes.families(spec, List.of(node("v4", "203.0.113.1").build(),
        node("dual", "203.0.113.2", "2001:db8::2").build()))).isEqualTo(new AddressFamilies(true, true));
    assertThat(EligibleNodes.families(spec, List.of(node("v6", "2001:db8::3").build())))
        .isEqualTo(new AddressFamilies(false, true));
    assertThat(EligibleNodes.families(spec, List.of())).as("nothing known yet").isEqualTo(AddressFamilies.IPV4_ONLY);
  }
}
