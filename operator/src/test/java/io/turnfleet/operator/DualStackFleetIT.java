package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnUri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Address families against the mock API server: what the relays listen on, what the fleet file
 * lists and what status publishes follow the addresses of the nodes, for IPv4-only, dual-stack and
 * IPv6-only nodes.
 */
class DualStackFleetIT {
  private static final String NS = "turn";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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

  private void apply(String... nodes) {
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm("example.com");
    spec.getReplicas().setMin(nodes.length);
    spec.getReplicas().setMax(nodes.length);
    spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TCP, 3478)));
    cluster.createTurnServer(NS, "media", spec);
  }

  private static List<NodeAddress> external(String... ips) {
    List<NodeAddress> addresses = new ArrayList<>();
    for (String ip : ips) {
      addresses.add(new NodeAddress(ip, "ExternalIP"));
    }
    return addresses;
  }

  /**
   * Waits until the relay configuration listens on exactly {@code listen} and the pod template
   * records {@code families}, then runs ready relays of that template.
   */
  private void awaitListenersThenRun(List<String> listen, String families, String... nodes) {
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      String yaml = client.configMaps().inNamespace(NS).withName("media-relay-config").get().getData()
          .get("relay.yaml");
      List<String> actual = new ArrayList<>();
      JsonNode config = YAML.readTree(yaml);
      config.path("listen").forEach(l -> actual.add(l.asText()));
      assertThat(actual).isEqualTo(listen);
    });
    await().atMost(WAIT).until(
        () -> client.apps().deployments().inNamespace(NS).withName("media-relay").get(),
        d -> d != null && families.equals(
            d.getSpec().getTemplate().getMetadata().getAnnotations().get("turnfleet.io/address-families")));
    cluster.runRelays(NS, "media-relay", true, nodes);
  }

  private List<String> uris() {
    TurnServer ts = cluster.turnServer(NS, "media");
    return ts.getStatus() == null ? List.of() : ts.getStatus().getUris().stream().map(TurnUri::getUri).toList();
  }

  private Map<String, String> fleetFile() {
    return client.configMaps().inNamespace(NS).withName("media-fleet").get().getData();
  }

  @Test
  void onIpv4OnlyNodesRelaysListenAndArePublishedInIpv4Only() {
    cluster.addNode("node-a", external("203.0.113.7"));
    apply("node-a");
    awaitListenersThenRun(List.of("udp://0.0.0.0:3478", "tcp://0.0.0.0:3478"), "IPv4", "node-a");
    await().atMost(WAIT).until(() -> uris().equals(List.of(
        "turn:203.0.113.7:3478?transport=udp", "turn:203.0.113.7:3478?transport=tcp")));
    assertThat(fleetFile()).containsEntry("node-a", "203.0.113.7\n").containsEntry("alternates", "203.0.113.7:3478 tcp=3478\n");
  }

  @Test
  void onDualStackNodesRelaysListenOnBothFamiliesAndArePublishedInBoth() {
    cluster.addNode("node-a", external("203.0.113.7", "2001:db8::7"));
    cluster.addNode("node-b", external("203.0.113.8", "2001:db8::8"));
    apply("node-a", "node-b");
    awaitListenersThenRun(List.of("udp://0.0.0.0:3478", "udp://[::]:3478", "tcp://0.0.0.0:3478", "tcp://[::]:3478"),
        "IPv4,IPv6", "node-a", "node-b");
    await().atMost(WAIT).until(() -> uris().size() == 8);
    assertThat(uris()).contains("turn:203.0.113.7:3478?transport=udp", "turn:[2001:db8::7]:3478?transport=udp",
        "turn:203.0.113.8:3478?transport=tcp", "turn:[2001:db8::8]:3478?transport=tcp");
    await().atMost(WAIT).untilAsserted(() -> assertThat(fleetFile())
        .containsEntry("node-a", "203.0.113.7\n2001:db8::7\n")
        .containsEntry("node-b", "203.0.113.8\n2001:db8::8\n")
        .containsEntry("alternates", "203.0.113.7:3478 tcp=3478\n[2001:db8::7]:3478 tcp=3478\n203.0.113.8:3478 tcp=3478\n[2001:db8::8]:3478 tcp=3478\n")
        .containsEntry("relay-addresses", "203.0.113.7\n203.0.113.8\n2001:db8::7\n2001:db8::8\n"));
  }

  @Test
  void onIpv6OnlyNodesRelaysListenOnIpv6AndTheFleetBecomesReady() {
    cluster.addNode("node-a", external("2001:db8::7"));
    apply("node-a");
    awaitListenersThenRun(List.of("udp://[::]:3478", "tcp://[::]:3478"), "IPv6", "node-a");

    await().atMost(WAIT).until(() -> uris().equals(List.of(
        "turn:[2001:db8::7]:3478?transport=udp", "turn:[2001:db8::7]:3478?transport=tcp")));
    TurnServer ts = cluster.turnServer(NS, "media");
    assertThat(Conditions.find(ts.getStatus().getConditions(), Conditions.READY).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(fleetFile()).containsEntry("node-a", "2001:db8::7\n").containsEntry("alternates", "[2001:db8::7]:3478 tcp=3478\n");
  }

  @Test
  void aNodeGainingIpv6RollsTheRelaysOntoListenersOfBothFamilies() {
    cluster.addNode("node-a", external("203.0.113.7"));
    apply("node-a");
    awaitListenersThenRun(List.of("udp://0.0.0.0:3478", "tcp://0.0.0.0:3478"), "IPv4", "node-a");
    await().atMost(WAIT).until(() -> uris().size() == 2);

    client.nodes().withName("node-a").editStatus(node -> {
      node.getStatus().setAddresses(external("203.0.113.7", "2001:db8::7"));
      return node;
    });
    awaitListenersThenRun(List.of("udp://0.0.0.0:3478", "udp://[::]:3478", "tcp://0.0.0.0:3478", "tcp://[::]:3478"),
        "IPv4,IPv6", "node-a");
    await().atMost(WAIT).until(() -> uris().size() == 4);
    assertThat(uris()).contains("turn:[2001:db8::7]:3478?transport=udp");
  }
}
