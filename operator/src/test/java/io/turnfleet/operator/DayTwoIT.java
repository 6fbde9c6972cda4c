package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.LogLevel;
import io.turnfleet.operator.api.RelayPortRange;
import io.turnfleet.operator.api.RelayStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.kubelet.RelayKubelet;
import io.turnfleet.operator.reconcile.RolloutStrategy;
import io.turnfleet.operator.kubelet.Termination;
import io.turnfleet.operator.kubelet.TestNode;
import io.turnfleet.operator.turn.Call;
import io.turnfleet.operator.turn.EchoPeer;
import io.turnfleet.operator.turn.RestCredential;
import io.turnfleet.operator.turn.TurnClient;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The day-2 loop end to end: the fabric8 mock API server, the real operator, and real relay
 * processes ({@code relay-image/target/turnfleet-relay.jar}) on 127.0.0.1's neighbours, with
 * {@link RelayKubelet} playing Deployment controller, scheduler and kubelet, and ice4j-based TURN
 * clients relaying to an echo peer. One fleet lives through four steps, in order: load crosses the
 * target and the fleet grows; load falls and the least-loaded relay drains while its call finishes
 * and new callers are sent elsewhere; the shared secret rotates under traffic; a configuration change
 * rolls the fleet onto a free node without cutting the last call, a moment without a ready relay or a
 * refused new caller.
 *
 * <p>Intervals are short so that it all takes well under two minutes: load polled every second, a
 * 4-second stabilization window, a 3-second propagation delay and a 6-second overlap, a 20-second
 * drain grace period. Each "node" is a loopback address (127.0.0.2-4): the relays bind it instead of
 * 0.0.0.0 and the operator sees it as the node's ExternalIP, so listener and admin ports are the same
 * on every node, as with host networking, and the fleet ConfigMap's addresses and alternates work
 * unchanged. The relays get {@code --allow-loopback-peers} because the echo peer is on 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoIT {
  private static final String NS = "turn";
  private static final String NAME = "media";
  private static final List<TestNode> NODES = List.of(
      new TestNode("node-a", "127.0.0.2"), new TestNode("node-b", "127.0.0.3"), new TestNode("node-c", "127.0.0.4"));
  private static final int ALLOCATIONS_PER_RELAY = 4;
  private static final int DRAIN_GRACE_SECONDS = 20;
  /** The relay's --drain-timeout: the operator leaves it 5 seconds to exit before SIGKILL. */
  private static final int DRAIN_TIMEOUT_SECONDS = DRAIN_GRACE_SECONDS - 5;
  private static final Duration WAIT = Duration.ofSeconds(40);
  /** The simulated kubelet syncs mounted files at once; the relay re-reads them within a second. */
  private static final Duration FLEET_FILE_DELAY = Duration.ofSeconds(2);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Path work;
  private MockCluster cluster;
  private KubernetesClient client;
  private RelayKubelet kubelet;
  private EchoPeer peer;
  private int turnPort;
  private int adminPort;
  private final List<Call> calls = new ArrayList<>();
  private final List<String> report = new ArrayList<>();

  /** Shared between the steps. */
  private String firstRelay;
  private String secondRelay;
  private final List<Call> onFirstRelay = new ArrayList<>();

  @BeforeAll
  void startFleet() throws Exception {
    Path relayJar = RepositoryFiles.relayJar();
    work = Files.createTempDirectory("turnfleet-day-two");
    turnPort = freePortOnEveryNode(true);
    adminPort = freePortOnEveryNode(false);
    cluster = new MockCluster();
    client = cluster.client();
    NODES.forEach(n -> cluster.addNode(n.name(), Map.of("ExternalIP", n.ip(), "InternalIP", n.ip())));
    cluster.startOperator(MockCluster.testSettings().withLoadPollInterval(Duration.ofSeconds(1))
        .withFleetFileDelay(FLEET_FILE_DELAY));
    peer = new EchoPeer();

    TurnServer ts = new TurnServer();
    ts.getMetadata().setName(NAME);
    ts.getMetadata().setNamespace(NS);
    TurnServerSpec spec = new TurnServerSpec();
    spec.setRealm("example.com");
    spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, turnPort)));
    spec.setAdminPort(adminPort);
    spec.setRelayPorts(new RelayPortRange(30000, 31999));
    spec.getReplicas().setMin(1);
    spec.getReplicas().setMax(3);
    spec.getScaling().setTargetAllocationsPerRelay(ALLOCATIONS_PER_RELAY);
    spec.getScaling().setHeadroomPercent(0);
    spec.getScaling().setStabilizationWindow("4s");
    spec.getAuth().getSharedSecret().setRotationInterval("1h");
    spec.getAuth().getSharedSecret().setOverlap("6s");
    spec.getAuth().getSharedSecret().setPropagationDelay("3s");
    spec.setDrainGracePeriodSeconds(DRAIN_GRACE_SECONDS);
    ts.setSpec(spec);
    client.resource(ts).create();

    kubelet = new RelayKubelet(client, NS, NAME + "-relay", NODES, relayJar, work, List.of("--allow-loopback-peers"));
    kubelet.start();
    firstRelay = awaitReadyRelays(ready -> ready.size() == 1).iterator().next();
  }

  @AfterAll
  void stopFleet() throws IOException {
    calls.forEach(Call::close);
    if (kubelet != null) {
      report.add("simulated kubelet:");
      kubelet.events().forEach(e -> report.add("  " + e));
      kubelet.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    System.out.println("=== DayTwoIT report ===\n" + String.join("\n", report));
    if (work != null) {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void whenLoadCrossesTheTargetTheFleetGrowsAtOnce() throws Exception {
    InetSocketAddress relay = address(firstRelay);
    for (int i = 1; i <= ALLOCATIONS_PER_RELAY; i++) {
      onFirstRelay.add(call("a" + i, relay, credential("a" + i)));
    }
    await().atMost(WAIT).until(() -> allocations(firstRelay) == ALLOCATIONS_PER_RELAY);
    assertThat(deploymentReplicas()).as("4 allocations fit one relay").isEqualTo(1);
    assertThat(cluster.turnServer(NS, NAME).getStatus().getAutoscaling().getReason()).isEqualTo("Steady");

    onFirstRelay.add(call("a5", relay, credential("a5")));
    Instant crossed = Instant.now();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> deploymentReplicas() == 2);
    Duration decided = Duration.between(crossed, Instant.now());
    secondRelay = awaitReadyRelays(ready -> ready.size() == 2).stream().filter(p -> !p.equals(firstRelay))
        .findFirst().orElseThrow();
    Duration serving = Duration.between(crossed, Instant.now());

    assertThat(cluster.turnServer(NS, NAME).getStatus().getUris()).hasSize(2);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ScaledUp"));
    report.add(String.format("scale-up: the 5th allocation crossed the target; Deployment at 2 replicas after %d ms,"
        + " second relay ready and in status.uris after %d ms", decided.toMillis(), serving.toMillis()));
  }

  @Test
  @Order(2)
  void whenLoadFallsTheLeastLoadedRelayDrainsItsCallFinishesAndNewCallersGoElsewhere() throws Exception {
    InetSocketAddress first = address(firstRelay);
    InetSocketAddress second = address(secondRelay);
    Call onSecond = call("b1", second, credential("b1"));
    // first relay 5, second 1; then 3 and 1: 4 allocations need one relay
    finish(onFirstRelay.remove(0));
    finish(onFirstRelay.remove(0));
    Instant lowLoad = Instant.now();

    Pod draining = await().atMost(WAIT).until(this::terminatingRelay, Optional::isPresent).orElseThrow();
    Duration scaledDown = Duration.between(lowLoad, Instant.now());
    assertThat(draining.getMetadata().getName()).as("the relay with 1 allocation, not the one with 3")
        .isEqualTo(secondRelay);
    assertThat(draining.getMetadata().getAnnotations()).containsEntry("controller.kubernetes.io/pod-deletion-cost", "1");
    assertThat(pod(firstRelay).getMetadata().getAnnotations())
        .containsEntry("controller.kubernetes.io/pod-deletion-cost", "3");
    await().atMost(WAIT).until(() -> readyz(secondRelay) == 503);
    assertThat(adminGet(secondRelay, "/load")).as("the draining relay's /load")
        .contains("\"allocations\":1,").contains("\"draining\":true").contains("\"ready\":false");

    Call latecomer = call("b2", second, credential("b2"));
    assertThat(latecomer.redirectedFrom()).as("300 Try Alternate from the draining relay").contains(second);
    assertThat(latecomer.relay()).isEqualTo(first);
    onFirstRelay.add(latecomer);

    // the draining relay's call goes on; its refreshes are capped at the drain deadline
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    List<Integer> lifetimes = onSecond.refreshLifetimes();
    assertThat(lifetimes.get(lifetimes.size() - 1)).as("refresh lifetime while draining")
        .isLessThanOrEqualTo(DRAIN_TIMEOUT_SECONDS);
    int sentWhileDraining = onSecond.sent();
    finish(onSecond);
    assertThat(onSecond.lost()).as(onSecond.toString()).isZero();
    assertThat(onSecond.failures()).isEmpty();

    Termination ended = await().atMost(WAIT).until(() -> termination(secondRelay), Optional::isPresent).orElseThrow();
    assertThat(ended.exitCode()).isZero();
    assertThat(ended.killed()).isFalse();
    assertThat(ended.drainTime()).as("ended with its last call, before the deadline")
        .isLessThan(Duration.ofSeconds(DRAIN_TIMEOUT_SECONDS));
    awaitReadyRelays(ready -> ready.equals(java.util.Set.of(firstRelay)));
    assertThat(client.configMaps().inNamespace(NS).withName(NAME + "-fleet").get().getData().get("alternates"))
        .isEqualTo(first.getAddress().getHostAddress() + ":" + turnPort + "\n");
    report.add(String.format("scale-down: %d ms after load fell to one relay's worth the least-loaded relay (%s, 1"
        + " allocation) was deleted; it drained for %d ms: its call kept relaying (%d packets, none lost) and ended"
        + " by itself, a new caller got 300 Try Alternate to %s, then the relay exited %d",
        scaledDown.toMillis(), ended.node(), ended.drainTime().toMillis(), sentWhileDraining, first,
        ended.exitCode()));
  }

  @Test
  @Order(3)
  void aRotationUnderTrafficFailsNoCredentialMintedBeforeItAndRetiresTheOldSecretAfterTheOverlap() throws Exception {
    InetSocketAddress first = address(firstRelay);
    finish(onFirstRelay.remove(0));
    String oldSecret = currentSecret();
    RestCredential mintedBefore = RestCredential.mint(oldSecret, "early", Instant.now().plusSeconds(3600));
    RestCredential mintedBeforeToo = RestCredential.mint(oldSecret, "late", Instant.now().plusSeconds(3600));

    cluster.editTurnServer(NS, NAME, ts -> ts.getMetadata().getAnnotations().put("turnfleet.io/rotate-secret", "e2e"));
    await().atMost(WAIT).until(() -> authSecret().getData().containsKey("next"));
    Secret rotated = await().atMost(WAIT).until(this::authSecret, s -> s.getData().containsKey("previous"));
    Instant promoted = Instant.now();
    String newSecret = decode(rotated.getData().get("current"));
    assertThat(newSecret).isNotEqualTo(oldSecret);
    assertThat(decode(rotated.getData().get("previous"))).isEqualTo(oldSecret);

    // during the overlap: a pre-rotation credential still allocates, the running calls still refresh
    onFirstRelay.add(call("early", first, mintedBefore));
    List<Call> oldCredentials = List.copyOf(onFirstRelay);
    for (Call c : oldCredentials) {
      finish(c);
    }
    assertThat(Duration.between(promoted, Instant.now())).as("the old-secret calls finished within the overlap")
        .isLessThan(Duration.ofSeconds(6));
    for (Call c : oldCredentials) {
      assertThat(c.failures()).as(c.toString()).isEmpty();
      assertThat(c.lost()).as(c.toString()).isZero();
    }
    Call fresh = call("fresh", first, RestCredential.mint(newSecret, "fresh", Instant.now().plusSeconds(3600)));

    await().atMost(WAIT).until(() -> !authSecret().getData().containsKey("previous"));
    Instant removed = Instant.now();
    TurnClient.Answer refused = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> TurnClient.allocateOnce(first, mintedBeforeToo), answer -> answer.errorCode() == 401);
    Duration refusedAfter = Duration.between(removed, Instant.now());
    assertThat(refused.reason()).isNotEmpty();
    assertThat(fresh.failures()).isEmpty();
    onFirstRelay.clear();
    onFirstRelay.add(fresh);
    report.add(String.format("rotation: %d calls with credentials minted before it (one of them allocated after the"
        + " new secret became current) refreshed every second through it and finished without a failed Allocate or"
        + " Refresh or a lost packet; once the Secret dropped key previous, a pre-rotation credential got 401 after"
        + " %d ms", oldCredentials.size(), refusedAfter.toMillis()));
  }

  @Test
  @Order(4)
  void aRolloutWithAFreeNodeStartsTheReplacementFirstSoARelayIsAlwaysReadyAndNoNewCallerIsRefused()
      throws Exception {
    Call last = onFirstRelay.get(0);
    InetSocketAddress old = address(firstRelay);
    TurnServer before = cluster.turnServer(NS, NAME);
    assertThat(Conditions.find(before.getStatus().getConditions(), RolloutStrategy.CONDITION).orElseThrow())
        .satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo(RolloutStrategy.SURGE_ON_SPARE_NODE);
        });
    var rolling = client.apps().deployments().inNamespace(NS).withName(NAME + "-relay").get().getSpec().getStrategy()
        .getRollingUpdate();
    assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
    assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();

    Instant edited = Instant.now();
    RolloutWatch watch = new RolloutWatch(client, NS, () -> newCallerTargets(old), () -> credential("probe"));
    cluster.editSpec(NS, NAME, spec -> spec.setLogLevel(LogLevel.DEBUG));
    await().atMost(WAIT).until(() -> terminatingRelay().map(p -> p.getMetadata().getName()).equals(Optional.of(firstRelay)));
    Duration oldDeletedAfter = Duration.between(edited, Instant.now());
    String replacement = awaitReadyRelays(r -> r.size() == 1 && !r.contains(firstRelay)).iterator().next();
    InetSocketAddress next = address(replacement);
    Call newcomer = call("newcomer", old, credential("newcomer"));
    assertThat(newcomer.redirectedFrom()).as("the draining relay knows its replacement at once").contains(old);
    assertThat(newcomer.relay()).isEqualTo(next);
    assertThat(termination(firstRelay)).as("the old relay still serves its call").isEmpty();

    int sent = last.sent();
    finish(last);
    finish(newcomer);
    assertThat(last.lost()).as(last.toString()).isZero();
    assertThat(last.failures()).isEmpty();
    assertThat(newcomer.failures()).isEmpty();
    Termination ended = await().atMost(WAIT).until(() -> termination(firstRelay), Optional::isPresent).orElseThrow();
    watch.close();
    assertThat(ended.exitCode()).isZero();
    assertThat(ended.killed()).isFalse();
    assertThat(kubelet.errors()).isEmpty();
    assertThat(watch.samples()).isGreaterThan(20);
    assertThat(watch.minimumReady()).as("ready relays at every moment of the rollout").isGreaterThanOrEqualTo(1);
    assertThat(watch.withoutReadyRelay()).isZero();
    assertThat(watch.refusals()).as("new callers during the rollout (%d)", watch.callers()).isEmpty();
    report.add(String.format("rollout with a free node: the replacement started first on another node; the old relay"
        + " was deleted %d ms after the edit, once the replacement had been ready for minReadySeconds; it drained"
        + " %d ms and exited %d after its last call (%d packets, none lost) ended. Over %d samples at least %d relay"
        + " was ready at every moment (%d ms without a ready relay), and %d new callers (on the old relay's address"
        + " and on status.uris) all got an allocation", oldDeletedAfter.toMillis(), ended.drainTime().toMillis(),
        ended.exitCode(), sent, watch.samples(), watch.minimumReady(), watch.withoutReadyRelay().toMillis(),
        watch.callers()));
  }

  /** Where a new caller goes: the old relay (an address it knew) until it exits, and every URI in status. */
  private List<InetSocketAddress> newCallerTargets(InetSocketAddress old) {
    List<InetSocketAddress> targets = new ArrayList<>();
    if (termination(firstRelay).isEmpty()) {
      targets.add(old);
    }
    TurnServer ts = cluster.turnServer(NS, NAME);
    if (ts.getStatus() != null) {
      ts.getStatus().getUris().stream()
          .map(uri -> URI.create("turn://" + uri.getUri().substring("turn:".length())))
          .map(uri -> new InetSocketAddress(uri.getHost(), uri.getPort()))
          .forEach(targets::add);
    }
    return targets;
  }

  private Call call(String name, InetSocketAddress relay, RestCredential credential) throws Exception {
    Call call = Call.start(name, relay, credential, peer.address());
    calls.add(call);
    return call;
  }

  private static void finish(Call call) throws Exception {
    call.finish();
  }

  private RestCredential credential(String user) {
    return RestCredential.mint(currentSecret(), user, Instant.now().plusSeconds(3600));
  }

  /** What an app does: read key current of Secret media-auth. */
  private String currentSecret() {
    return decode(authSecret().getData().get("current"));
  }

  private Secret authSecret() {
    return client.secrets().inNamespace(NS).withName(NAME + "-auth").get();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** Waits until the ready relays in status match; on timeout the message shows pods and status. */
  private java.util.Set<String> awaitReadyRelays(java.util.function.Predicate<java.util.Set<String>> expected) {
    try {
      return await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> readyRelays().keySet(), expected);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("ready relays never matched; " + fleetState(), e);
    }
  }

  /** The fleet as the API server and the simulated kubelet see it. */
  private String fleetState() {
    StringBuilder state = new StringBuilder("pods:");
    for (Pod p : client.pods().inNamespace(NS).list().getItems()) {
      state.append("\n  ").append(p.getMetadata().getName()).append(" node=").append(p.getSpec().getNodeName())
          .append(" ip=").append(p.getStatus() == null ? null : p.getStatus().getPodIP())
          .append(" conditions=").append(p.getStatus() == null ? null : p.getStatus().getConditions().stream()
              .map(c -> c.getType() + "=" + c.getStatus()).toList())
          .append(" deleted=").append(p.getMetadata().getDeletionTimestamp())
          .append(" annotations=").append(p.getMetadata().getAnnotations());
    }
    TurnServer ts = cluster.turnServer(NS, NAME);
    state.append("\nstatus: ").append(io.fabric8.kubernetes.client.utils.Serialization.asJson(ts.getStatus()))
        .append("\nkubelet errors: ").append(kubelet.errors());
    return state.toString();
  }

  private Map<String, RelayStatus> readyRelays() {
    TurnServer ts = cluster.turnServer(NS, NAME);
    if (ts.getStatus() == null) {
      return Map.of();
    }
    return ts.getStatus().getRelays().stream().filter(RelayStatus::isReady)
        .collect(Collectors.toMap(RelayStatus::getPod, r -> r));
  }

  private int allocations(String pod) {
    return cluster.turnServer(NS, NAME).getStatus().getRelays().stream().filter(r -> r.getPod().equals(pod))
        .findFirst().map(RelayStatus::getAllocations).orElse(-1);
  }

  private InetSocketAddress address(String pod) {
    String ip = cluster.turnServer(NS, NAME).getStatus().getRelays().stream().filter(r -> r.getPod().equals(pod))
        .findFirst().orElseThrow().getAddress();
    return new InetSocketAddress(ip, turnPort);
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  private int deploymentReplicas() {
    return client.apps().deployments().inNamespace(NS).withName(NAME + "-relay").get().getSpec().getReplicas();
  }

  private Optional<Pod> terminatingRelay() {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() != null).findFirst();
  }

  private Optional<Termination> termination(String pod) {
    return kubelet.terminations().stream().filter(t -> t.pod().equals(pod)).findFirst();
  }

  private int readyz(String pod) {
    try {
      return HTTP.send(adminRequest(pod, "/readyz"), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String adminGet(String pod, String path) throws IOException, InterruptedException {
    return HTTP.send(adminRequest(pod, path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpRequest adminRequest(String pod, String path) {
    TestNode node = kubelet.nodeOf(pod).orElseThrow();
    return HttpRequest.newBuilder(URI.create("http://" + node.ip() + ":" + adminPort + path)).build();
  }

  /** A port free on every node address, TURN listener (UDP) or admin (TCP), outside the relay port range. */
  private static int freePortOnEveryNode(boolean udp) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramSocket probeUdp = udp ? new DatagramSocket(0, InetAddress.getByName(NODES.get(0).ip())) : null;
           ServerSocket probeTcp = udp ? null : new ServerSocket(0, 1, InetAddress.getByName(NODES.get(0).ip()))) {
        port = udp ? probeUdp.getLocalPort() : probeTcp.getLocalPort();
      }
      if (port >= 30000 && port <= 31999) {
        continue;
      }
      if (NODES.stream().allMatch(n -> bindable(n.ip(), port, udp))) {
        return port;
      }
    }
    throw new IllegalStateException("no port free on every node address");
  }

  private static boolean bindable(String ip, int port, boolean udp) {
    try {
      if (udp) {
        new DatagramSocket(port, InetAddress.getByName(ip)).close();
      } else {
        new ServerSocket(port, 1, InetAddress.getByName(ip)).close();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
