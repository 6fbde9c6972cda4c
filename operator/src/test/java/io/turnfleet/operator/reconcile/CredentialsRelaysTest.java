package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.fleet;
import static io.turnfleet.operator.reconcile.SampleFleets.node;
import static io.turnfleet.operator.reconcile.SampleFleets.relayPod;
import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.LoadSample;
import io.turnfleet.operator.fleet.RelayLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsRelaysTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyRelayIsListedWithStateLoadAndAUriPerListener() throws Exception {
    TurnServer ts = turnServer(s -> s.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478),
        new Listener(ListenerProtocol.TCP, 3478), new Listener(ListenerProtocol.TLS, 5349))));
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", true),
        relayPod("r-c", "node-c", false)),
        List.of(node("node-a", "203.0.113.7"), node("node-b", "203.0.113.8"), node("node-c", "203.0.113.9")));
    FleetLoad load = FleetLoad.of(fleet, List.of(
        LoadSample.reported("r-a", new RelayLoad(250, 1000, 0, false, true), NOW),
        LoadSample.reported("r-b", new RelayLoad(3, 1000, 0, true, false), NOW)), NOW, Duration.ofSeconds(30));

    JsonNode relays = JSON.readTree(CredentialsRelays.build(ts, fleet, load).getData().get(CredentialsRelays.KEY))
        .get("relays");

    assertThat(relays).hasSize(3);
    assertThat(relays.get(0).get("name").asText()).isEqualTo("r-a");
    assertThat(relays.get(0).get("ready").asBoolean()).isTrue();
    assertThat(relays.get(0).get("draining").asBoolean()).isFalse();
    assertThat(relays.get(0).get("load").asDouble()).isEqualTo(0.25);
    assertThat(JSON.convertValue(relays.get(0).get("uris"), String[].class)).containsExactly(
        "turn:203.0.113.7:3478?transport=udp", "turn:203.0.113.7:3478?transport=tcp",
        "turns:203.0.113.7:5349?transport=tcp");
    assertThat(relays.get(1).get("draining").asBoolean()).as("its report says draining").isTrue();
    assertThat(relays.get(2).get("ready").asBoolean()).isFalse();
    assertThat(relays.get(2).get("load").isNull()).as("no report yet").isTrue();
  }

  @Test
  void loadIsAFractionOfCapacityRoundedOrAllocationsWhenUnlimited() {
    assertThat(CredentialsRelays.load(new RelayLoad(333, 1000, 0, false, true))).isEqualTo(0.33);
    assertThat(CredentialsRelays.load(new RelayLoad(12, 0, 0, false, true))).isEqualTo(12.0);
  }
}
