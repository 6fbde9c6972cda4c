package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.reconcile.RolloutStrategy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How rollouts replace relays, against the mock API server: surge onto a free eligible node when
 * there is one, in place (and said so in status) when there is none.
 */
class RolloutCapacityIT {
  private static final String NS = "turn";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void apply(int replicas, Map<String, String> nodeSelector) {
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm("example.com");
    spec.getReplicas().setMin(replicas);
    spec.getReplicas().setMax(replicas);
    spec.getNodeSelector().putAll(nodeSelector);
    cluster.createTurnServer(NS, "media", spec);
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("media-relay").get() != null);
  }

  private Condition awaitRolloutCapacity(String status) {
    return await().atMost(WAIT).until(() -> Optional.ofNullable(cluster.turnServer(NS, "media").getStatus())
            .flatMap(s -> Conditions.find(s.getConditions(), RolloutStrategy.CONDITION)),
        c -> c.isPresent() && status.equals(c.get().getStatus())).orElseThrow();
  }

  private RollingUpdateDeployment rolling() {
    return client.apps().deployments().inNamespace(NS).withName("media-relay").get().getSpec().getStrategy()
        .getRollingUpdate();
  }

  @Test
  void withAFreeEligibleNodeARolloutSurgesOntoIt() {
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8"));
    apply(1, Map.of());
    cluster.runRelays(NS, "media-relay", true, "node-a");

    Condition capacity = awaitRolloutCapacity("True");
    assertThat(capacity.getReason()).isEqualTo(RolloutStrategy.SURGE_ON_SPARE_NODE);
    await().atMost(WAIT).until(() -> rolling().getMaxSurge().getIntVal() == 1);
    assertThat(rolling().getMaxUnavailable().getIntVal()).isZero();
  }

  @Test
  void whenEveryEligibleNodeRunsARelayStatusSaysSoAndRelaysAreReplacedInPlace() {
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8"));
    apply(2, Map.of());
    cluster.runRelays(NS, "media-relay", true, "node-a", "node-b");

    Condition capacity = awaitRolloutCapacity("False");
    assertThat(capacity.getReason()).isEqualTo(RolloutStrategy.NO_SPARE_NODE);
    assertThat(capacity.getMessage()).contains("No eligible node is free").contains("spec.nodeSelector");
    assertThat(rolling().getMaxSurge().getIntVal()).isZero();
    assertThat(rolling().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void aNodeOutsideTheNodeSelectorIsNoSpareNodeButANewMatchingNodeIs() {
    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8"));
    apply(1, Map.of("kubernetes.io/hostname", "node-a"));
    cluster.runRelays(NS, "media-relay", true, "node-a");
    awaitRolloutCapacity("False");

    client.nodes().withName("node-b").edit(n -> {
      n.getMetadata().getLabels().put("kubernetes.io/hostname", "node-a");
      return n;
    });
    awaitRolloutCapacity("True");
    await().atMost(WAIT).until(() -> rolling().getMaxSurge().getIntVal() == 1);
  }
}
