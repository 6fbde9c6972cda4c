package io.turnfleet.credentials.fleet;

import java.util.Comparator;
import java.util.List;

/**
 * Which relays an answer names: serving ones only, least loaded first (relays without a fresh load
 * report after those with one, by name among equals so answers are stable), at most {@code maxRelays}.
 * Pure.
 */
public record RelayChoice(int maxRelays) {
  private static final Comparator<Relay> LEAST_LOADED_FIRST = Comparator
      .comparing((Relay r) -> r.load().isEmpty())
      .thenComparingDouble(r -> r.load().orElse(0))
      .thenComparing(Relay::name);

  public RelayChoice {
    if (maxRelays < 1) {
      throw new IllegalArgumentException("max relays must be at least 1, not " + maxRelays);
    }
  }

  public List<Relay> choose(List<Relay> fleet) {
    return fleet.stream()
        .filter(Relay::serving)
        .filter(r -> !r.uris().isEmpty())
        .sorted(LEAST_LOADED_FIRST)
        .limit(maxRelays)
        .toList();
  }

  /**
   * The URIs of the chosen relays, in the relays' order, each once: with a fleet DNS name every relay
   * has the same URIs, and DNS picks the relay.
   */
  public List<String> uris(List<Relay> fleet) {
    return choose(fleet).stream().flatMap(r -> r.uris().stream()).distinct().toList();
  }
}
