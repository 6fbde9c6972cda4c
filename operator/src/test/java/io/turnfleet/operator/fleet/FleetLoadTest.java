package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetLoadTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration MAX_AGE = Duration.ofSeconds(30);

  static RelayPod pod(String name, boolean ready, boolean terminating) {
    return new RelayPod(name, Optional.of("node-" + name), ready, terminating, Optional.empty());
  }

  static FleetSnapshot fleet(RelayPod... pods) {
    return new FleetSnapshot(java.util.Arrays.stream(pods).map(p -> new FleetRelay(p, List.of(), AddressFamilies.IPV4_ONLY, List.of())).toList());
  }

  static RelayLoad load(long allocations) {
    return new RelayLoad(allocations, 0, allocations * 1000.0, false, true);
  }

  @Test
  void freshReportsAddUp() {
    FleetLoad load = FleetLoad.of(fleet(pod("a", true, false), pod("b", true, false)), List.of(
        LoadSample.reported("a", load(5), NOW.minusSeconds(3)),
        LoadSample.reported("b", load(7), NOW.minusSeconds(30))), NOW, MAX_AGE);
    assertThat(load.allocations()).isEqualTo(12);
    assertThat(load.memberAllocations()).isEqualTo(12);
    assertThat(load.memberBytesPerSecond()).isEqualTo(12_000.0);
    assertThat(load.measured()).isEqualTo(2);
    assertThat(load.unmeasured()).isZero();
  }

  @Test
  void aReportOlderThanTheMaximumAgeExpiresAndSaysWhenItWasMade() {
    FleetLoad load = FleetLoad.of(fleet(pod("a", true, false)),
        List.of(LoadSample.reported("a", load(5), NOW.minusSeconds(31))), NOW, MAX_AGE);
    assertThat(load.allocations()).isZero();
    assertThat(load.unmeasured()).isEqualTo(1);
    assertThat(load.of("a").orElseThrow().error())
        .contains("the last load report, of " + NOW.minusSeconds(31) + ", is older than 30s");
  }

  @Test
  void aFailedPollKeepsTheLastGoodReportUntilItExpires() {
    LoadSample failed = LoadSample.failed("a", Optional.of(LoadSample.reported("a", load(5), NOW.minusSeconds(20))),
        "GET /load got no answer within 2000ms");
    FleetLoad stillFresh = FleetLoad.of(fleet(pod("a", true, false)), List.of(failed), NOW, MAX_AGE);
    assertThat(stillFresh.allocations()).isEqualTo(5);
    assertThat(stillFresh.of("a").orElseThrow().error()).contains("GET /load got no answer within 2000ms");
    FleetLoad expired = FleetLoad.of(fleet(pod("a", true, false)), List.of(failed), NOW.plusSeconds(11), MAX_AGE);
    assertThat(expired.allocations()).isZero();
    assertThat(expired.of("a").orElseThrow().error()).contains("GET /load got no answer within 2000ms");
  }

  @Test
  void aReadyRelayWithoutAnyReportIsUnmeasured() {
    FleetLoad load = FleetLoad.of(fleet(pod("a", true, false), pod("b", false, false)), List.of(), NOW, MAX_AGE);
    assertThat(load.unmeasured()).as("only the ready relay must report").isEqualTo(1);
    assertThat(load.of("a").orElseThrow().error()).contains("no load report yet");
    assertThat(load.of("b").orElseThrow().error()).isEmpty();
  }

  @Test
  void drainingRelaysCountInTheTotalButNotInWhatTheFleetIsSizedFor() {
    RelayLoad draining = new RelayLoad(4, 0, 4000.0, true, false);
    FleetLoad load = FleetLoad.of(fleet(pod("a", true, false), pod("b", false, true), pod("c", true, false)), List.of(
        LoadSample.reported("a", load(5), NOW),
        LoadSample.reported("b", load(9), NOW),
        LoadSample.reported("c", draining, NOW)), NOW, MAX_AGE);
    assertThat(load.allocations()).isEqualTo(18);
    assertThat(load.memberAllocations()).isEqualTo(5);
    assertThat(load.memberBytesPerSecond()).isEqualTo(5000.0);
    assertThat(load.of("b").orElseThrow().draining()).as("terminating pod").isTrue();
    assertThat(load.of("c").orElseThrow().draining()).as("report says draining").isTrue();
    assertThat(load.measured()).isEqualTo(1);
  }

  @Test
  void samplesOfPodsThatLeftTheFleetAreIgnored() {
    FleetLoad load = FleetLoad.of(fleet(pod("a", true, false)),
        List.of(LoadSample.reported("a", load(1), NOW), LoadSample.reported("gone", load(50), NOW)), NOW, MAX_AGE);
    assertThat(load.allocations()).isEqualTo(1);
    assertThat(load.readings()).hasSize(1);
  }
}
