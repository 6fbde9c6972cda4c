package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler over load shapes, one decision per 10-second poll on a simulated clock: what size
 * the fleet takes, how fast it grows, and how slowly and in which steps it shrinks.
 */
class ScalingPolicyTest {
  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration POLL = Duration.ofSeconds(10);
  private static final Duration WINDOW = Duration.ofSeconds(60);
  /** 1 to 10 relays of 100 allocations, no headroom, a one-minute window, one relay per window. */
  private static final ScalingTargets TARGETS = new ScalingTargets(1, 10, 100, 0, 0, WINDOW, 1);

  /** A fleet that follows every decision, as the operator's Deployment does. */
  private static final class Fleet {
    private final ScalingTargets targets;
    private int replicas;
    private ScalingHistory history;
    private Instant now = START;
    private final List<ScalingDecision> decisions = new ArrayList<>();

    Fleet(ScalingTargets targets, int replicas) {
      this.targets = targets;
      this.replicas = replicas;
      this.history = ScalingHistory.start(targets, START, Optional.empty());
    }

    ScalingDecision poll(LoadSummary load) {
      ScalingDecision decision = ScalingPolicy.decide(targets, load, replicas, history, now);
      decisions.add(decision);
      history = decision.history();
      replicas = decision.replicas();
      now = now.plus(POLL);
      return decision;
    }

    ScalingDecision poll(long allocations) {
      return poll(new LoadSummary(allocations, 0, replicas, 0));
    }

    /** The size after each poll of {@code allocations}. */
    List<Integer> run(long... allocations) {
      List<Integer> sizes = new ArrayList<>();
      for (long a : allocations) {
        sizes.add(poll(a).replicas());
      }
      return sizes;
    }
  }

  private static long[] repeat(long allocations, int polls) {
    return IntStream.range(0, polls).mapToLong(i -> allocations).toArray();
  }

  private static long[] concat(long[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToLong(java.util.Arrays::stream).toArray();
  }

  @Test
  void aRampUpAddsRelaysInThePollThatCrossesTheTarget() {
    Fleet fleet = new Fleet(TARGETS, 1);
    List<Integer> sizes = fleet.run(0, 50, 100, 101, 150, 200, 250, 301, 480);
    assertThat(sizes).containsExactly(1, 1, 1, 2, 2, 2, 3, 4, 5);
    assertThat(fleet.decisions.get(3).reason()).isEqualTo(ScalingReason.SCALED_UP);
    assertThat(fleet.decisions.get(3).message())
        .isEqualTo("101 allocations need 2 relays (100 allocations per relay, 0% headroom); scaling up from 1 to 2.");
  }

  @Test
  void aSpikeScalesUpAtOnceAndDecaysOneRelayPerWindowAfterAWholeWindowOfLowLoad() {
    Fleet fleet = new Fleet(TARGETS, 1);
    List<Integer> sizes = fleet.run(concat(repeat(50, 3), new long[] {850}, repeat(50, 30)));
    assertThat(sizes.get(3)).as("the poll that saw the spike").isEqualTo(9);
    // the spike's recommendation stays in the window for 60 s: 6 more polls at 9
    assertThat(sizes.subList(3, 10)).containsOnly(9);
    assertThat(sizes.get(10)).isEqualTo(8);
    // then one relay per window (6 polls)
    assertThat(sizes.subList(10, 16)).containsOnly(8);
    assertThat(sizes.get(16)).isEqualTo(7);
    for (int i = 4; i < sizes.size(); i++) {
      assertThat(sizes.get(i)).as("poll %d", i).isBetween(sizes.get(i - 1) - 1, sizes.get(i - 1));
    }
  }

  @Test
  void aSlowDecayNeverLeavesTheFleetSmallerThanItsLoadAndReachesTheMinimumOnceLoadIsGone() {
    Fleet fleet = new Fleet(TARGETS, 1);
    long[] decay = concat(LongRange.down(600, 0, 10), repeat(0, 60));
    List<Integer> sizes = fleet.run(decay);
    for (int i = 0; i < decay.length; i++) {
      long needed = Math.max(1, (decay[i] + 99) / 100);
      assertThat(sizes.get(i)).as("relays at poll %d with %d allocations", i, decay[i]).isGreaterThanOrEqualTo((int) needed);
    }
    assertThat(sizes.get(sizes.size() - 1)).isEqualTo(1);
    long downs = fleet.decisions.stream().filter(d -> d.reason() == ScalingReason.SCALED_DOWN).count();
    assertThat(downs).isEqualTo(5);
  }

  @Test
  void flappingAroundTheTargetScalesUpOnceAndNeverDown() {
    Fleet fleet = new Fleet(TARGETS, 1);
    long[] flapping = IntStream.range(0, 40).mapToLong(i -> i % 2 == 0 ? 150 : 90).toArray();
    List<Integer> sizes = fleet.run(flapping);
    assertThat(sizes.get(0)).isEqualTo(2);
    assertThat(sizes).containsOnly(2);
    assertThat(fleet.decisions.stream().filter(d -> d.reason().scales())).hasSize(1);
    assertThat(fleet.decisions.get(39).reason()).isEqualTo(ScalingReason.STABILIZING);
  }

  @Test
  void slowFlappingWithHighPhasesShorterThanTheWindowStillNeverScalesDown() {
    Fleet fleet = new Fleet(TARGETS, 1);
    long[] waves = IntStream.range(0, 60).mapToLong(i -> (i / 4) % 2 == 0 ? 250 : 120).toArray();
    assertThat(fleet.run(waves)).containsOnly(3);
  }

  @Test
  void headroomSizesTheFleetAboveItsLoad() {
    ScalingTargets tenPercent = new ScalingTargets(1, 10, 100, 0, 10, WINDOW, 1);
    assertThat(new Fleet(tenPercent, 1).poll(90).replicas()).as("99 allocations' worth").isEqualTo(1);
    assertThat(new Fleet(tenPercent, 1).poll(91).replicas()).as("100.1 allocations' worth").isEqualTo(2);
    assertThat(new Fleet(tenPercent, 1).poll(100).replicas()).isEqualTo(2);
  }

  @Test
  void bandwidthAddsRelaysWhenItNeedsMoreThanAllocationsDo() {
    ScalingTargets bytes = new ScalingTargets(1, 10, 100, 1_000_000, 0, WINDOW, 1);
    Fleet fleet = new Fleet(bytes, 1);
    ScalingDecision decision = fleet.poll(new LoadSummary(5, 3_500_000, 1, 0));
    assertThat(decision.replicas()).isEqualTo(4);
    assertThat(decision.message()).startsWith("5 allocations and 3500000 B/s need 4 relays");
    assertThat(new Fleet(bytes, 1).poll(new LoadSummary(5, 2_000_000, 1, 0)).replicas()).as("exactly 2 relays' worth")
        .isEqualTo(2);
  }

  @Test
  void theFleetStaysWithinItsBounds() {
    ScalingTargets small = new ScalingTargets(2, 4, 100, 0, 0, WINDOW, 1);
    assertThat(new Fleet(small, 2).poll(10_000).replicas()).isEqualTo(4);
    assertThat(new Fleet(small, 2).poll(0).replicas()).isEqualTo(2);
  }

  @Test
  void aFleetOutsideNewBoundsMovesInsideAtOnce() {
    ScalingDecision decision = new Fleet(new ScalingTargets(1, 3, 100, 0, 0, WINDOW, 1), 5).poll(450);
    assertThat(decision.replicas()).isEqualTo(3);
    assertThat(decision.reason()).isEqualTo(ScalingReason.OUTSIDE_BOUNDS);
  }

  @Test
  void equalMinimumAndMaximumTurnAutoscalingOff() {
    Fleet fleet = new Fleet(new ScalingTargets(3, 3, 100, 0, 0, WINDOW, 1), 3);
    assertThat(fleet.run(0, 5_000, 0)).containsOnly(3);
    assertThat(fleet.decisions).allSatisfy(d -> assertThat(d.reason()).isEqualTo(ScalingReason.DISABLED));
  }

  @Test
  void withoutAnyLoadReportTheFleetKeepsItsSize() {
    Fleet fleet = new Fleet(TARGETS, 4);
    ScalingDecision decision = fleet.poll(new LoadSummary(0, 0, 0, 4));
    assertThat(decision.replicas()).isEqualTo(4);
    assertThat(decision.reason()).isEqualTo(ScalingReason.MISSING_LOAD);
  }

  @Test
  void aRelayWithoutAFreshReportBlocksScaleDownButNotScaleUp() {
    Fleet fleet = new Fleet(TARGETS, 3);
    for (int i = 0; i < 20; i++) {
      assertThat(fleet.poll(new LoadSummary(10, 0, 2, 1)).replicas()).isEqualTo(3);
    }
    assertThat(fleet.decisions.get(19).reason()).isEqualTo(ScalingReason.MISSING_LOAD);
    assertThat(fleet.poll(new LoadSummary(450, 0, 2, 1)).replicas()).isEqualTo(5);
  }

  @Test
  void aLargerStepRemovesMoreRelaysPerWindow() {
    Fleet fleet = new Fleet(new ScalingTargets(1, 10, 100, 0, 0, WINDOW, 3), 8);
    List<Integer> sizes = fleet.run(repeat(100, 20));
    assertThat(sizes.subList(0, 6)).containsOnly(8);
    assertThat(sizes.get(6)).isEqualTo(5);
    assertThat(sizes.get(12)).isEqualTo(2);
    assertThat(sizes.get(18)).isEqualTo(1);
  }

  @Test
  void afterARestartTheAutoscalerWatchesAWholeWindowBeforeRemovingARelay() {
    Fleet fleet = new Fleet(TARGETS, 5);
    List<Integer> sizes = fleet.run(repeat(0, 8));
    assertThat(sizes.subList(0, 6)).containsOnly(5);
    assertThat(fleet.decisions.get(0).reason()).isEqualTo(ScalingReason.STABILIZING);
    assertThat(sizes.get(6)).isEqualTo(4);
  }

  @Test
  void changedTargetsStartANewWindow() {
    Fleet fleet = new Fleet(TARGETS, 2);
    fleet.run(repeat(150, 10));
    ScalingTargets doubled = new ScalingTargets(1, 10, 200, 0, 0, WINDOW, 1);
    ScalingHistory history = fleet.history;
    Instant now = fleet.now;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ScalingDecision d = ScalingPolicy.decide(doubled, new LoadSummary(150, 0, 2, 0), 2, history, now.plus(POLL.multipliedBy(i)));
      history = d.history();
      sizes.add(d.replicas());
    }
    assertThat(sizes.subList(0, 6)).containsOnly(2);
    assertThat(sizes.get(6)).isEqualTo(1);
  }

  @Test
  void aSteadyFleetSaysSo() {
    ScalingDecision decision = new Fleet(TARGETS, 2).poll(150);
    assertThat(decision.reason()).isEqualTo(ScalingReason.STEADY);
    assertThat(decision.message()).isEqualTo("150 allocations need 2 relays (100 allocations per relay, 0% headroom); "
        + "the fleet has 2.");
  }

  /** Decreasing sequences of allocations. */
  private static final class LongRange {
    static long[] down(long from, long to, long step) {
      List<Long> values = new ArrayList<>();
      for (long v = from; v >= to; v -= step) {
        values.add(v);
      }
      return values.stream().mapToLong(Long::longValue).toArray();
    }
  }
}
