package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas against one API server: only the holder of Lease turnfleet-operator
 * reconciles, and the standby takes over when the leader stops. The mock answers java-operator-sdk's
 * SelfSubjectRulesReview with the Lease rules the Helm chart grants, so a chart missing a verb fails
 * here as it would fail on a cluster. Lease timings are shortened so the takeover takes seconds.
 */
class LeaderElectionIT {
  private static final String LEASE_NAMESPACE = HelmChart.RELEASE_NAMESPACE;
  private static final String NS = "turn";

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() throws IOException {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.grantSelfSubjectRules(chartLeaseRules());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** The rules of the chart's leader-election Role, as a SelfSubjectRulesReview reports them. */
  static List<ResourceRule> chartLeaseRules() throws IOException {
    List<ResourceRule> rules = new ArrayList<>();
    for (JsonNode o : HelmChart.render(Map.of("leaderElection", true))) {
      if (o.path("kind").asText().equals("Role") && o.at("/metadata/name").asText().endsWith("-leader-election")) {
        for (JsonNode rule : o.path("rules")) {
          rules.add(new ResourceRuleBuilder()
              .withApiGroups(texts(rule.path("apiGroups")))
              .withResources(texts(rule.path("resources")))
              .withVerbs(texts(rule.path("verbs")))
              .build());
        }
      }
    }
    assertThat(rules).as("the chart's leader-election Role").isNotEmpty();
    return rules;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  static OperatorSettings replica(String identity) {
    return MockCluster.testSettings().withLeaderElection(new LeaderElection(Optional.of(LEASE_NAMESPACE),
        Optional.of(identity), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250), false));
  }

  private Optional<String> leaseHolder() {
    Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LeaderElection.LEASE_NAME).get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  private static List<String> writesBy(List<RecordedRequest> requests, String userAgent) {
    return MockCluster.writes(requests.stream()
        .filter(r -> userAgent.equals(r.getHeaders().header("User-Agent")))
        .filter(r -> !r.getPath().contains("/leases") && !r.getPath().contains("selfsubjectrulesreviews"))
        .toList());
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOverWhenTheLeaderStops() throws Exception {
    Operator leader = cluster.startReplica("replica-a", replica("replica-a"));
    await().atMost(Duration.ofSeconds(30)).until(() -> leaseHolder().equals(Optional.of("replica-a")));
    cluster.startReplica("replica-b", replica("replica-b"));

    TurnServer ts = new TurnServer();
    ts.getMetadata().setName("media");
    ts.getMetadata().setNamespace(NS);
    ts.setSpec(new TurnServerSpec());
    ts.getSpec().setRealm("example.com");
    client.resource(ts).create();
    await().atMost(Duration.ofSeconds(30)).until(
        () -> client.apps().deployments().inNamespace(NS).withName("media-relay").get() != null);
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    List<RecordedRequest> whileALeads = cluster.drainRequests();
    assertThat(writesBy(whileALeads, "replica-a")).as("writes by the leader").isNotEmpty();
    assertThat(writesBy(whileALeads, "replica-b")).as("writes by the standby").isEmpty();

    leader.stop();
    await().atMost(Duration.ofSeconds(30)).until(() -> leaseHolder().equals(Optional.of("replica-b")));
    cluster.editSpec(NS, "media", spec -> spec.setRealm("example.org"));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.configMaps().inNamespace(NS).withName("media-relay-config")
        .get().getData().get("relay.yaml").contains("realm: example.org"));
    List<RecordedRequest> afterTakeover = cluster.drainRequests();
    assertThat(writesBy(afterTakeover, "replica-b")).as("writes by the new leader")
        .anyMatch(w -> w.startsWith("PUT /api/v1/namespaces/turn/configmaps/media-relay-config"));
    assertThat(writesBy(afterTakeover, "replica-a")).as("writes by the stopped replica").isEmpty();
  }
}
