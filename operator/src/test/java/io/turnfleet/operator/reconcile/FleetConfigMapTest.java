package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.fleet;
import static io.turnfleet.operator.reconcile.SampleFleets.node;
import static io.turnfleet.operator.reconcile.SampleFleets.relayPod;
import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.fleet.AddressFamilies;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.LoadSample;
import io.turnfleet.operator.fleet.RelayLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetConfigMapTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final List<io.fabric8.kubernetes.api.model.Node> NODES =
      List.of(node("node-a", "203.0.113.7"), node("node-b", "203.0.113.8"), node("node-c", "2001:db8::9"));

  private static ConfigMap build(TurnServer ts, Pod... pods) {
    FleetSnapshot fleet = fleet(ts, List.of(pods), NODES);
    return FleetConfigMap.build(ts, fleet, FleetLoad.of(fleet, List.of(), NOW, Duration.ofSeconds(30)));
  }

  @Test
  void eachNodeKeyHoldsTheAddressItsRelayAdvertises() {
    ConfigMap configMap = build(turnServer(), relayPod("r-a", "node-a", false), relayPod("r-c", "node-c", false));
    assertThat(configMap.getMetadata().getName()).isEqualTo("media-fleet");
    assertThat(configMap.getData()).containsEntry("node-a", "203.0.113.7\n").containsEntry("node-c", "2001:db8::9\n");
  }

  @Test
  void alternatesListOnlyReadyRelaysOnTheUdpListenerPortWithTheirTcpPort() {
    TurnServer ts = turnServer(s -> s.setListeners(List.of(
        new Listener(ListenerProtocol.TCP, 443), new Listener(ListenerProtocol.UDP, 3479))));
    ConfigMap configMap = build(ts, relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", false),
        relayPod("r-c", "node-c", true));
    assertThat(configMap.getData()).containsEntry("alternates", "203.0.113.7:3479 tcp=443\n[2001:db8::9]:3479 tcp=443\n");
  }

  @Test
  void anAlternateNamesEachTransportsPortAndTheFleetsDnsNameForTlsClients() {
    TurnServer ts = turnServer(s -> {
      s.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TCP, 3478),
          new Listener(ListenerProtocol.TLS, 443)));
      s.getDns().setHostname("turn.example.com");
    });
    ConfigMap configMap = build(ts, relayPod("r-a", "node-a", true));
    assertThat(configMap.getData()).containsEntry("alternates",
        "203.0.113.7:3478 tcp=3478 tls=443 domain=turn.example.com\n");
  }

  @Test
  void aDualStackRelayIsAnAlternateInBothFamiliesAndItsNodeKeyHoldsBothAddresses() {
    List<io.fabric8.kubernetes.api.model.Node> nodes = List.of(node("node-d", "203.0.113.10", "2001:db8::10"));
    TurnServer ts = turnServer();
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-d", "node-d", true)), nodes);
    ConfigMap configMap = FleetConfigMap.build(ts, fleet, FleetLoad.of(fleet, List.of(), NOW, Duration.ofSeconds(30)));
    assertThat(configMap.getData()).containsEntry("node-d", "203.0.113.10\n2001:db8::10\n")
        .containsEntry("alternates", "203.0.113.10:3478 tcp=3478\n[2001:db8::10]:3478 tcp=3478\n");
  }

  @Test
  void relayAddressesListEveryAddressOfEveryRelaysNodeInBothFamiliesReadyOrNot() {
    io.fabric8.kubernetes.api.model.Node dual = new io.fabric8.kubernetes.api.model.NodeBuilder(
        node("node-d", "203.0.113.10", "2001:db8::10"))
        .editStatus().addNewAddress().withType("InternalIP").withAddress("10.0.0.10").endAddress()
        .addNewAddress().withType("InternalIP").withAddress("fd00::10").endAddress()
        .addNewAddress().withType("Hostname").withAddress("node-d").endAddress().endStatus().build();
    List<io.fabric8.kubernetes.api.model.Node> nodes = List.of(dual, node("node-a", "203.0.113.7"));
    TurnServer ts = turnServer();
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-d", "node-d", true), relayPod("r-a", "node-a", false)), nodes);
    ConfigMap configMap = FleetConfigMap.build(ts, fleet, FleetLoad.of(fleet, List.of(), NOW, Duration.ofSeconds(30)));
    assertThat(configMap.getData()).containsEntry("relay-addresses",
        "10.0.0.10\n203.0.113.10\n203.0.113.7\n2001:db8::10\nfd00::10\n");
  }

  @Test
  void aRelayThatListensOnIpv4OnlyIsNoIpv6AlternateEvenOnADualStackNode() {
    List<io.fabric8.kubernetes.api.model.Node> nodes = List.of(node("node-d", "203.0.113.10", "2001:db8::10"));
    TurnServer ts = turnServer();
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-d", "node-d", true, AddressFamilies.IPV4_ONLY)), nodes);
    ConfigMap configMap = FleetConfigMap.build(ts, fleet, FleetLoad.of(fleet, List.of(), NOW, Duration.ofSeconds(30)));
    assertThat(configMap.getData()).containsEntry("alternates", "203.0.113.10:3478 tcp=3478\n");
  }

  @Test
  void aFleetWithoutUdpNamesItsFirstListenerPort() {
    TurnServer ts = turnServer(s -> s.setListeners(List.of(new Listener(ListenerProtocol.TCP, 443))));
    assertThat(build(ts, relayPod("r-a", "node-a", true)).getData()).containsEntry("alternates", "203.0.113.7:443 tcp=443\n");
  }

  @Test
  void aTerminatingRelayIsNoAlternate() {
    Pod terminating = new PodBuilder(relayPod("r-b", "node-b", true))
        .editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").endMetadata().build();
    ConfigMap configMap = build(turnServer(), relayPod("r-a", "node-a", true), terminating);
    assertThat(configMap.getData()).containsEntry("alternates", "203.0.113.7:3478 tcp=3478\n");
  }

  @Test
  void aRelayWhoseLoadReportSaysDrainingIsNoAlternateEvenBeforeItsPodShowsIt() {
    TurnServer ts = turnServer();
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", true)), NODES);
    FleetLoad load = FleetLoad.of(fleet, List.of(
        LoadSample.reported("r-a", new RelayLoad(3, 0, 0, false, true), NOW),
        LoadSample.reported("r-b", new RelayLoad(1, 0, 0, true, false), NOW)), NOW, Duration.ofSeconds(30));
    assertThat(FleetConfigMap.build(ts, fleet, load).getData()).containsEntry("alternates", "203.0.113.7:3478 tcp=3478\n");
  }

  @Test
  void aFleetWithoutReadyRelaysHasAnEmptyAlternatesKey() {
    assertThat(build(turnServer()).getData()).containsOnlyKeys("alternates", "relay-addresses")
        .containsEntry("alternates", "");
  }
}
