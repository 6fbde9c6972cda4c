package io.turnfleet.credentials.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RelayChoiceTest {
  private static Relay relay(String name, boolean ready, boolean draining, Double load) {
    return new Relay(name, ready, draining, load == null ? OptionalDouble.empty() : OptionalDouble.of(load),
        List.of("turn:" + name + ":3478?transport=udp", "turns:" + name + ":5349?transport=tcp"));
  }

  @Test
  void leastLoadedRelaysComeFirst() {
    List<Relay> fleet = List.of(relay("a", true, false, 0.9), relay("b", true, false, 0.1), relay("c", true, false, 0.5));

    assertThat(new RelayChoice(3).choose(fleet)).extracting(Relay::name).containsExactly("b", "c", "a");
  }

  @Test
  void drainingAndUnreadyRelaysAreLeftOut() {
    List<Relay> fleet = List.of(relay("draining", true, true, 0.0), relay("starting", false, false, 0.0),
        relay("serving", true, false, 0.7));

    assertThat(new RelayChoice(3).choose(fleet)).extracting(Relay::name).containsExactly("serving");
  }

  @Test
  void relaysWithUnknownLoadComeAfterMeasuredOnes() {
    List<Relay> fleet = List.of(relay("unknown", true, false, null), relay("busy", true, false, 0.99));

    assertThat(new RelayChoice(3).choose(fleet)).extracting(Relay::name).containsExactly("busy", "unknown");
  }

  @Test
  void atMostMaxRelaysAreNamedWithEveryTransportOfEach() {
    List<Relay> fleet = List.of(relay("a", true, false, 0.3), relay("b", true, false, 0.2), relay("c", true, false, 0.1));

    assertThat(new RelayChoice(2).uris(fleet)).containsExactly(
        "turn:c:3478?transport=udp", "turns:c:5349?transport=tcp",
        "turn:b:3478?transport=udp", "turns:b:5349?transport=tcp");
  }

  @Test
  void equalLoadsAreOrderedByNameSoAnswersAreStable() {
    List<Relay> fleet = List.of(relay("z", true, false, 0.5), relay("m", true, false, 0.5));

    assertThat(new RelayChoice(2).choose(fleet)).extracting(Relay::name).containsExactly("m", "z");
  }

  @Test
  void relaysSharingAFleetDnsNameYieldEachUriOnce() {
    List<String> named = List.of("turn:turn.example.com:3478?transport=udp");
    List<Relay> fleet = List.of(new Relay("a", true, false, OptionalDouble.of(0.2), named),
        new Relay("b", true, false, OptionalDouble.of(0.1), named));

    assertThat(new RelayChoice(3).uris(fleet)).containsExactly("turn:turn.example.com:3478?transport=udp");
  }
}
