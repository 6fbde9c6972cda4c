package io.turnfleet.operator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The load of a fleet at one moment: each relay pod's report if it is fresh, that is no older than
 * the maximum age; an older report has expired and no longer steers the fleet. Pure: built from the
 * observed pods, the latest samples and a time.
 *
 * <p>Members are the relays that take new allocations in the fleet's future: pods not terminating
 * whose report does not say draining. A draining relay's allocations still count in
 * {@link #allocations()}, never in what the fleet is sized for.
 */
public final class FleetLoad {
  private final List<RelayReading> readings;

  /**
   * One relay pod and its load.
   *
   * @param current the report, if fresh
   * @param error why no fresh report is at hand; empty when one is
   */
  public record RelayReading(RelayPod pod, Optional<RelayLoad> current, Optional<String> error) {
    public boolean draining() {
      return pod.terminating() || current.map(RelayLoad::draining).orElse(false);
    }

    public boolean member() {
      return !draining();
    }

    /** A relay that serves new allocations now, so the fleet's size depends on knowing its load. */
    boolean mustReport() {
      return member() && pod.ready();
    }
  }

  private FleetLoad(List<RelayReading> readings) {
    this.readings = List.copyOf(readings);
  }

  public static FleetLoad of(FleetSnapshot fleet, Collection<LoadSample> samples, Instant now, Duration maxAge) {
    Map<String, LoadSample> byPod = samples.stream()
        .collect(Collectors.toMap(LoadSample::pod, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<RelayReading> readings = fleet.relays().stream()
        .map(FleetRelay::pod)
        .map(pod -> reading(pod, Optional.ofNullable(byPod.get(pod.name())), now, maxAge))
        .toList();
    return new FleetLoad(readings);
  }

  private static RelayReading reading(RelayPod pod, Optional<LoadSample> sample, Instant now, Duration maxAge) {
    if (sample.isEmpty()) {
      return new RelayReading(pod, Optional.empty(), pod.ready() ? Optional.of("no load report yet") : Optional.empty());
    }
    LoadSample s = sample.get();
    boolean fresh = s.loadTime().map(t -> !t.plus(maxAge).isBefore(now)).orElse(false);
    if (fresh) {
      return new RelayReading(pod, s.load(), s.error());
    }
    // the time of the report, not its age: the reason goes into status and must not change every poll
    Optional<String> why = s.error().or(() -> s.loadTime()
        .map(t -> "the last load report, of " + t + ", is older than " + maxAge.toSeconds() + "s"));
    return new RelayReading(pod, Optional.empty(), why);
  }

  public List<RelayReading> readings() {
    return readings;
  }

  public Optional<RelayReading> of(String pod) {
    return readings.stream().filter(r -> r.pod().name().equals(pod)).findFirst();
  }

  /** Live allocations on every relay with a fresh report, draining ones included. */
  public long allocations() {
    return readings.stream().flatMap(r -> r.current().stream()).mapToLong(RelayLoad::allocations).sum();
  }

  /** Allocations on member relays: what the fleet must be sized for. */
  public long memberAllocations() {
    return readings.stream().filter(RelayReading::member).flatMap(r -> r.current().stream())
        .mapToLong(RelayLoad::allocations).sum();
  }

  /** Relayed bytes per second on member relays. */
  public double memberBytesPerSecond() {
    return readings.stream().filter(RelayReading::member).flatMap(r -> r.current().stream())
        .mapToDouble(RelayLoad::bytesPerSecond).sum();
  }

  /** Ready member relays with a fresh report. */
  public int measured() {
    return (int) readings.stream().filter(RelayReading::mustReport).filter(r -> r.current().isPresent()).count();
  }

  /** Ready member relays without a fresh report: their load is unknown. */
  public int unmeasured() {
    return (int) readings.stream().filter(RelayReading::mustReport).filter(r -> r.current().isEmpty()).count();
  }
}
