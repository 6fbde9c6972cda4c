package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.turnfleet.operator.LoadEndpoint;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load poller against admin endpoints on 127.0.0.1: answers, errors, timeouts. */
class LoadPollerIT {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private final List<LoadEndpoint> endpoints = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(LoadEndpoint::close);
  }

  private LoadEndpoint endpoint() throws IOException {
    LoadEndpoint endpoint = new LoadEndpoint("127.0.0.1");
    endpoints.add(endpoint);
    return endpoint;
  }

  private static Pod pod(String name, String ip, boolean ready, boolean terminating) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace("turn").withUid("uid-" + name)
          .withDeletionTimestamp(terminating ? "2025-03-01T11:59:00Z" : null).endMetadata()
        .withNewSpec().withNodeName("node-" + name).endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip)
          .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus()
        .build();
  }

  /** One TurnServer whose admin port is {@code port}; each pod's IP picks its endpoint by port below. */
  private static TurnServer turnServer(int adminPort) {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName("media");
    ts.getMetadata().setNamespace("turn");
    ts.setSpec(new TurnServerSpec());
    ts.getSpec().setRealm("example.com");
    ts.getSpec().setAdminPort(adminPort);
    return ts;
  }

  private LoadPoller poller(Duration timeout) {
    return new LoadPoller(timeout, Clock.fixed(NOW, ZoneOffset.UTC), ts -> List.copyOf(pods));
  }

  private static LoadSample only(Set<LoadSample> samples) {
    assertThat(samples).hasSize(1);
    return samples.iterator().next();
  }

  @Test
  void aReadyRelaysReportIsRead() throws IOException {
    LoadEndpoint relay = endpoint().allocations(42);
    pods.add(pod("a", "127.0.0.1", true, false));
    LoadSample sample = only(poller(Duration.ofSeconds(2)).fetchResources(turnServer(relay.port())));
    assertThat(sample.pod()).isEqualTo("a");
    assertThat(sample.load()).contains(new RelayLoad(42, 0, 150.0, false, true));
    assertThat(sample.loadTime()).contains(NOW);
    assertThat(sample.error()).isEmpty();
  }

  @Test
  void aDrainingRelayIsStillPolledButAStartingOneIsNot() throws IOException {
    LoadEndpoint relay = endpoint().allocations(3).draining(true);
    pods.add(pod("draining", "127.0.0.1", false, true));
    pods.add(pod("starting", "127.0.0.1", false, false));
    pods.add(pod("unscheduled", null, true, false));
    LoadSample sample = only(poller(Duration.ofSeconds(2)).fetchResources(turnServer(relay.port())));
    assertThat(sample.pod()).isEqualTo("draining");
    assertThat(sample.load().orElseThrow().draining()).isTrue();
  }

  @Test
  void anErrorAnswerIsReportedAndKeepsTheLastGoodReport() throws IOException {
    LoadEndpoint relay = endpoint().allocations(9);
    pods.add(pod("a", "127.0.0.1", true, false));
    LoadPoller poller = poller(Duration.ofSeconds(2));
    TurnServer ts = turnServer(relay.port());
    poller.fetchResources(ts);
    relay.answer(503, "draining");
    LoadSample sample = only(poller.fetchResources(ts));
    assertThat(sample.error()).contains("GET /load answered HTTP 503");
    assertThat(sample.load().orElseThrow().allocations()).isEqualTo(9);
    relay.answer(200, "{}");
    assertThat(only(poller.fetchResources(ts)).error()).contains("load report field allocations is missing (expected a count)");
  }

  @Test
  void aSlowRelayTimesOutWithoutHoldingUpTheOthers() throws IOException {
    LoadEndpoint slow = endpoint().allocations(1).delay(Duration.ofSeconds(3));
    pods.add(pod("slow", "127.0.0.1", true, false));
    long started = System.nanoTime();
    LoadSample sample = only(poller(Duration.ofMillis(300)).fetchResources(turnServer(slow.port())));
    assertThat(sample.error()).contains("GET /load got no answer within 300ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aRelayThatDoesNotListenIsReported() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    pods.add(pod("a", "127.0.0.1", true, false));
    assertThat(only(poller(Duration.ofSeconds(1)).fetchResources(turnServer(closedPort))).error())
        .contains("GET /load could not connect");
  }

  @Test
  void samplesOfDeletedPodsAreForgotten() throws IOException {
    LoadEndpoint relay = endpoint().allocations(2);
    pods.add(pod("a", "127.0.0.1", true, false));
    LoadPoller poller = poller(Duration.ofSeconds(2));
    TurnServer ts = turnServer(relay.port());
    poller.fetchResources(ts);
    pods.clear();
    assertThat(poller.fetchResources(ts)).isEmpty();
    pods.add(pod("a", "127.0.0.1", true, false));
    relay.answer(500, "");
    assertThat(only(poller.fetchResources(ts)).load()).as("no report survives the pod").isEqualTo(Optional.empty());
  }

  @Test
  void ipv6PodAddressesAreBracketed() {
    assertThat(LoadPoller.loadUri("2001:db8::7", 9641)).hasToString("http://[2001:db8::7]:9641/load");
    assertThat(LoadPoller.loadUri("10.0.0.7", 9641)).hasToString("http://10.0.0.7:9641/load");
  }
}
