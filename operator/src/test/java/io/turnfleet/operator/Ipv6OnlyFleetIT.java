package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.RelayStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnUri;
import io.turnfleet.operator.kubelet.RelayKubelet;
import io.turnfleet.operator.kubelet.TestNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An IPv6-only cluster end to end: the real operator on the mock API server and a real relay
 * process on a node whose only address is {@code ::1}. The relay listens on IPv6, its admin
 * listener binds the node's IPv6 address from the downward API, it becomes ready, and the
 * operator reads its load there and publishes an IPv6 URI.
 */
class Ipv6OnlyFleetIT {
  private static final String NS = "turn";
  private static final TestNode NODE = new TestNode("node-v6", "::1");
  /** A relay JVM on a loaded machine, the kubelet's fleet file sync and a load poll. */
  private static final Duration WAIT = Duration.ofSeconds(90);

  private MockCluster cluster;
  private RelayKubelet kubelet;
  private Path work;

  @AfterEach
  void stop() throws IOException {
    if (kubelet != null) {
      kubelet.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (work != null) {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aRelayOnAnIpv6OnlyNodeBecomesReadyAndIsPublishedWithItsIpv6Address() throws Exception {
    InetAddress loopback = InetAddress.getByName(NODE.ip());
    assertThat(loopback).isInstanceOf(Inet6Address.class);
    int turnPort;
    int adminPort;
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
         ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
      turnPort = udp.getLocalPort();
      adminPort = tcp.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("IPv6 loopback ::1 is not usable here; enable it with"
          + " `sudo sysctl -w net.ipv6.conf.lo.disable_ipv6=0`", e);
    }
    work = Files.createTempDirectory("turnfleet-ipv6-only");
    cluster = new MockCluster();
    KubernetesClient client = cluster.client();
    cluster.addNode(NODE.name(), Map.of("ExternalIP", NODE.ip(), "InternalIP", NODE.ip()));
    cluster.startOperator(MockCluster.testSettings().withLoadPollInterval(Duration.ofSeconds(1))
        .withFleetFileDelay(Duration.ofSeconds(1)));
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm("example.com");
    spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, turnPort)));
    spec.setAdminPort(adminPort);
    spec.setRelayPorts(new io.turnfleet.operator.api.RelayPortRange(32000, 32999));
    cluster.createTurnServer(NS, "media", spec);
    kubelet = new RelayKubelet(client, NS, "media-relay", List.of(NODE), RepositoryFiles.relayJar(), work, List.of());
    kubelet.start();

    TurnServer ready = await().atMost(WAIT).until(() -> cluster.turnServer(NS, "media"),
        ts -> ts.getStatus() != null && !ts.getStatus().getRelays().isEmpty()
            && ts.getStatus().getRelays().get(0).getAllocations() != null
            && Conditions.find(ts.getStatus().getConditions(), Conditions.READY)
                .map(c -> "True".equals(c.getStatus())).orElse(false));

    assertThat(ready.getStatus().getUris()).extracting(TurnUri::getUri)
        .containsExactly("turn:[::1]:" + turnPort + "?transport=udp");
    RelayStatus relay = ready.getStatus().getRelays().get(0);
    assertThat(relay.getAddress()).isEqualTo("::1");
    assertThat(relay.getAllocations()).as("the operator read /load on [::1]:%d", adminPort).isZero();
    assertThat(client.configMaps().inNamespace(NS).withName("media-relay-config").get().getData().get("relay.yaml"))
        .contains("udp://[::]:" + turnPort).doesNotContain("0.0.0.0");
    assertThat(kubelet.errors()).isEmpty();
  }
}
