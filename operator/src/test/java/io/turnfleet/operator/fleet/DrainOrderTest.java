package io.turnfleet.operator.fleet;

import static io.turnfleet.operator.fleet.FleetLoadTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DrainOrderTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration MAX_AGE = Duration.ofSeconds(30);

  private static RelayPod pod(String name, Optional<String> cost) {
    return new RelayPod(name, Optional.of("node-" + name), true, false, cost);
  }

  /** The pod a ReplicaSet removes first among ready pods: the lowest deletion cost (absent = 0). */
  private static String firstDeleted(List<RelayPod> pods, Map<String, String> written) {
    return pods.stream()
        .min(Comparator.comparingLong(p -> Long.parseLong(written.getOrDefault(p.name(), p.deletionCost().orElse("0")))))
        .orElseThrow().name();
  }

  @Test
  void everyRelayCarriesItsLiveAllocationsAsDeletionCost() {
    FleetSnapshot fleet = FleetLoadTest.fleet(pod("a", Optional.empty()), pod("b", Optional.empty()));
    FleetLoad load = FleetLoad.of(fleet, List.of(LoadSample.reported("a", load(12), NOW),
        LoadSample.reported("b", load(3), NOW)), NOW, MAX_AGE);
    assertThat(DrainOrder.changes(load)).containsExactly(Map.entry("a", "12"), Map.entry("b", "3"));
  }

  @Test
  void onlyChangedCostsAreWritten() {
    FleetSnapshot fleet = FleetLoadTest.fleet(pod("a", Optional.of("12")), pod("b", Optional.of("4")));
    FleetLoad load = FleetLoad.of(fleet, List.of(LoadSample.reported("a", load(12), NOW),
        LoadSample.reported("b", load(3), NOW)), NOW, MAX_AGE);
    assertThat(DrainOrder.changes(load)).containsExactly(Map.entry("b", "3"));
  }

  @Test
  void relaysWithoutAFreshReportKeepTheirCostAndDrainingOnesAreLeftAlone() {
    FleetSnapshot fleet = FleetLoadTest.fleet(pod("a", Optional.of("40")),
        new RelayPod("b", Optional.of("node-b"), false, true, Optional.of("2")));
    FleetLoad load = FleetLoad.of(fleet, List.of(LoadSample.reported("a", load(1), NOW.minusSeconds(60)),
        LoadSample.reported("b", load(0), NOW)), NOW, MAX_AGE);
    assertThat(DrainOrder.changes(load)).isEmpty();
  }

  @Test
  void overManyLoadShapesTheLeastLoadedRelayIsTheOneAScaleDownRemoves() {
    Random random = new Random(42);
    List<long[]> shapes = new ArrayList<>(List.of(
        new long[] {10, 20, 30, 40},       // ramp
        new long[] {500, 1, 480, 470},     // one nearly idle relay
        new long[] {0, 0, 7, 0},           // mostly idle: the first idle one goes
        new long[] {90, 90, 89, 90},       // nearly even
        new long[] {3_000_000_000L, 5, 6}  // above int range: capped, still ordered
    ));
    for (int i = 0; i < 50; i++) {
      shapes.add(random.longs(2 + random.nextInt(8), 0, 1000).toArray());
    }
    for (long[] allocations : shapes) {
      List<RelayPod> pods = new ArrayList<>();
      List<LoadSample> samples = new ArrayList<>();
      for (int i = 0; i < allocations.length; i++) {
        // stale costs from an earlier poll must not matter
        pods.add(pod("r" + i, Optional.of(Long.toString(random.nextInt(1000)))));
        samples.add(LoadSample.reported("r" + i, load(allocations[i]), NOW));
      }
      FleetLoad load = FleetLoad.of(new FleetSnapshot(pods.stream().map(p -> new FleetRelay(p, List.of(), AddressFamilies.IPV4_ONLY, List.of())).toList()),
          samples, NOW, MAX_AGE);
      Map<String, String> written = new LinkedHashMap<>(DrainOrder.changes(load));
      long least = java.util.Arrays.stream(allocations).min().orElseThrow();
      String removed = firstDeleted(pods, written);
      assertThat(allocations[Integer.parseInt(removed.substring(1))]).as(java.util.Arrays.toString(allocations))
          .isEqualTo(least);
    }
  }
}
