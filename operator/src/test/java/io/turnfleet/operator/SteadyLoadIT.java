package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 3-relay fleet under steady load: each relay's /load (a {@link LoadEndpoint} on the pod's IP,
 * 127.0.0.2-4) reports 40 allocations give or take 2, re-drawn every half second, against a target
 * of 50 per relay, so the fleet stays at 3 relays. The API server's defaulting is played by
 * {@link ApiServerDefaults}, and the shared secret has rotated once before the count starts. The
 * operator polls load every second; the mock server's request log counts the operator's writes
 * during {@link #WINDOW}.
 */
class SteadyLoadIT {
  private static final String NS = "turn";
  private static final String NAME = "media";
  private static final List<String> NODE_IPS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(40);

  private MockCluster cluster;
  private KubernetesClient client;
  private ApiServerDefaults defaults;
  private final List<LoadEndpoint> relays = new ArrayList<>();
  private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    defaults = new ApiServerDefaults(client, NS).start();
    for (int i = 0; i < NODE_IPS.size(); i++) {
      cluster.addNode("node-" + i, Map.of("ExternalIP", NODE_IPS.get(i)));
    }
    startLoadEndpoints();
    cluster.startOperator(MockCluster.testSettings().withLoadPollInterval(POLL));
  }

  @AfterEach
  void stop() {
    load.shutdownNow();
    relays.forEach(LoadEndpoint::close);
    defaults.close();
    cluster.close();
  }

  /** One endpoint per node address, all on one port: the admin port is the same on every node. */
  private void startLoadEndpoints() throws IOException {
    for (int attempt = 0; attempt < 20 && relays.size() < NODE_IPS.size(); attempt++) {
      relays.forEach(LoadEndpoint::close);
      relays.clear();
      try {
        LoadEndpoint first = new LoadEndpoint(NODE_IPS.get(0));
        relays.add(first);
        for (String ip : NODE_IPS.subList(1, NODE_IPS.size())) {
          relays.add(new LoadEndpoint(ip, first.port()));
        }
      } catch (BindException taken) {
        // that port is in use on another node address; try another
      }
    }
    assertThat(relays).as("load endpoints on one port of every node address").hasSize(NODE_IPS.size());
    load.scheduleWithFixedDelay(() -> relays.forEach(r -> r.allocations(40 + ThreadLocalRandom.current().nextInt(-2, 3))),
        0, 500, TimeUnit.MILLISECONDS);
  }

  private TurnServer create() {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName(NAME);
    ts.getMetadata().setNamespace(NS);
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm("example.com");
    spec.setAdminPort(relays.get(0).port());
    spec.getReplicas().setMin(3);
    spec.getReplicas().setMax(5);
    spec.getScaling().setTargetAllocationsPerRelay(50);
    spec.getScaling().setHeadroomPercent(0);
    spec.getAuth().getSharedSecret().setPropagationDelay("1s");
    ts.setSpec(spec);
    return client.resource(ts).create();
  }

  @Test
  void aSteadyFleetWritesNothingToOwnedObjectsOrPodsAndStatusOnlyOnChange() throws Exception {
    create();
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName(NAME + "-relay").get(),
        d -> d != null && d.getSpec().getRevisionHistoryLimit() != null);
    List<Pod> pods = cluster.runRelays(NS, NAME + "-relay", true, "node-0", "node-1", "node-2");
    for (int i = 0; i < pods.size(); i++) {
      cluster.setPodIp(pods.get(i), NODE_IPS.get(i));
    }
    await().atMost(WAIT).until(() -> {
      TurnServer ts = cluster.turnServer(NS, NAME);
      return ts.getStatus() != null && Conditions.isTrue(ts.getStatus().getConditions(), Conditions.READY)
          && ts.getStatus().getReadyReplicas() == 3 && ts.getStatus().getAllocations() != null
          && ts.getStatus().getAllocations() > 0;
    });
    cluster.editTurnServer(NS, NAME, ts -> ts.getMetadata().getAnnotations().put("turnfleet.io/rotate-secret", "once"));
    await().atMost(WAIT).until(() -> client.secrets().inNamespace(NS).withName(NAME + "-auth").get()
        .getData().containsKey("previous"));
    // let the rotation's last writes and the defaulting settle
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    List<RecordedRequest> before = cluster.drainRequests();

    await().pollDelay(WINDOW).atMost(WINDOW.plusSeconds(1)).until(() -> true);
    List<RecordedRequest> window = cluster.drainRequests();
    List<RecordedRequest> requests = window.stream()
        .filter(r -> MockCluster.OPERATOR_USER_AGENT.equals(r.getHeaders().header("User-Agent")))
        .toList();
    List<RecordedRequest> all = new ArrayList<>(before);
    all.addAll(window);
    assertThat(MockCluster.writes(all.stream()
            .filter(r -> MockCluster.OPERATOR_USER_AGENT.equals(r.getHeaders().header("User-Agent")))
            .filter(r -> r.getPath().contains("/turnservers")).toList()))
        .as("the operator's writes to the TurnServer, from its creation on: status only")
        .isNotEmpty()
        .allMatch(w -> w.startsWith("PUT ") && w.split("\\?")[0].endsWith("/status"));
    Map<String, Integer> writesByTarget = writesByTarget(requests);
    int total = writesByTarget.values().stream().mapToInt(Integer::intValue).sum();
    double perMinute = total * 60.0 / WINDOW.toSeconds();
    System.out.printf("=== SteadyLoadIT: %d operator writes in %ds (%.0f per minute, load polled every %ds): %s%n",
        total, WINDOW.toSeconds(), perMinute, POLL.toSeconds(), writesByTarget);
    assertThat(cluster.turnServer(NS, NAME).getStatus().getReplicas()).as("the fleet stayed at 3 relays").isEqualTo(3);
    assertThat(writesByTarget).as("writes at steady load, by method and resource").isEmpty();
  }

  /** Operator writes grouped as "PUT services", "PATCH pods", "PUT turnservers/status", ... */
  private static Map<String, Integer> writesByTarget(List<RecordedRequest> requests) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String write : MockCluster.writes(requests)) {
      String[] methodAndPath = write.split(" ", 2);
      String[] segments = methodAndPath[1].split("\\?")[0].split("/");
      int ns = List.of(segments).indexOf("namespaces");
      String target = ns >= 0 && segments.length > ns + 2 ? segments[ns + 2] : segments[segments.length - 1];
      if (ns >= 0 && segments.length > ns + 4) {
        target += "/" + segments[ns + 4];
      }
      counts.merge(methodAndPath[0] + " " + target, 1, Integer::sum);
    }
    return counts;
  }
}
