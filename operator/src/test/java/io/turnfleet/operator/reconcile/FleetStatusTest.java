package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.fleet;
import static io.turnfleet.operator.reconcile.SampleFleets.node;
import static io.turnfleet.operator.reconcile.SampleFleets.relayPod;
import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.RelayStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.api.TurnUri;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.LoadSample;
import io.turnfleet.operator.fleet.RelayLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetStatusTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final List<Node> NODES = List.of(node("node-a", "203.0.113.7"), node("node-b", "203.0.113.8"));

  private static Deployment deployment(int wanted, int updated, int ready) {
    return StatusSamples.deployment(wanted, updated, ready);
  }

  private static TurnServerStatus compute(TurnServer ts, List<Pod> pods, Optional<Deployment> deployment,
      List<SpecProblem> problems) {
    FleetSnapshot fleet = fleet(ts, pods, NODES);
    return FleetStatus.compute(ts, inputs(fleet, List.of(), deployment, problems), NOW);
  }

  private static StatusInputs inputs(FleetSnapshot fleet, List<LoadSample> samples, Optional<Deployment> deployment,
      List<SpecProblem> problems) {
    return new StatusInputs(fleet, FleetLoad.of(fleet, samples, NOW, Duration.ofSeconds(30)), deployment, problems,
        2, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static Condition condition(TurnServerStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void aFleetWithAReadyRelayIsReadyAndPublishesOnlyReadyRelaysUris() {
    TurnServer ts = turnServer();
    TurnServerStatus status = compute(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", false)),
        Optional.of(deployment(2, 2, 1)), List.of());
    assertThat(condition(status, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo(FleetStatus.RELAYS_READY);
    assertThat(condition(status, Conditions.READY).getMessage()).isEqualTo("1 of 2 relays are ready and advertise an address.");
    assertThat(status.getUris()).extracting(TurnUri::getUri)
        .containsExactly("turn:203.0.113.7:3478?transport=udp", "turn:203.0.113.7:3478?transport=tcp");
    assertThat(status.getReadyReplicas()).isEqualTo(1);
    assertThat(status.getReplicas()).isEqualTo(2);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void everyRelayPodIsListedWithItsNodeAddressAndReadiness() {
    TurnServerStatus status = compute(turnServer(),
        List.of(relayPod("r-b", "node-b", false), relayPod("r-a", "node-a", true)), Optional.empty(), List.of());
    assertThat(status.getRelays()).extracting(RelayStatus::getPod, RelayStatus::getNode, RelayStatus::getAddress,
            RelayStatus::isReady)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r-a", "node-a", "203.0.113.7", true),
            org.assertj.core.groups.Tuple.tuple("r-b", "node-b", "203.0.113.8", false));
  }

  @Test
  void relayLoadReportsShowPerRelayAndInTotalWithTheReasonWhenOneIsMissing() {
    TurnServer ts = turnServer();
    FleetSnapshot fleet = fleet(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", true)), NODES);
    List<LoadSample> samples = List.of(
        LoadSample.reported("r-a", new RelayLoad(7, 0, 1200, false, true), NOW.minusSeconds(5)),
        LoadSample.failed("r-b", Optional.empty(), "GET /load got no answer within 2000ms"));
    TurnServerStatus status = FleetStatus.compute(ts, inputs(fleet, samples, Optional.empty(), List.of()), NOW);
    assertThat(status.getAllocations()).isEqualTo(7);
    assertThat(status.getRelays()).extracting(RelayStatus::getPod, RelayStatus::getAllocations, RelayStatus::getLoadError)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r-a", 7, null),
            org.assertj.core.groups.Tuple.tuple("r-b", null, "GET /load got no answer within 2000ms"));
  }

  @Test
  void aTerminatingRelayIsShownDrainingWithTheAllocationsItStillServes() {
    TurnServer ts = turnServer();
    Pod terminating = new io.fabric8.kubernetes.api.model.PodBuilder(relayPod("r-a", "node-a", true))
        .editMetadata().withDeletionTimestamp("2025-03-01T11:59:00Z").endMetadata().build();
    FleetSnapshot fleet = fleet(ts, List.of(terminating), NODES);
    TurnServerStatus status = FleetStatus.compute(ts, inputs(fleet,
        List.of(LoadSample.reported("r-a", new RelayLoad(2, 0, 0, true, false), NOW)), Optional.empty(), List.of()), NOW);
    assertThat(status.getRelays()).singleElement().satisfies(r -> {
      assertThat(r.isDraining()).isTrue();
      assertThat(r.isReady()).isFalse();
      assertThat(r.getAllocations()).isEqualTo(2);
    });
    assertThat(status.getAllocations()).isEqualTo(2);
    assertThat(status.getUris()).isEmpty();
  }

  @Test
  void noReadyRelayMeansNotReady() {
    TurnServerStatus status = compute(turnServer(), List.of(relayPod("r-a", "node-a", false)), Optional.empty(), List.of());
    assertThat(condition(status, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo(FleetStatus.NO_RELAY_READY);
    assertThat(status.getUris()).isEmpty();
  }

  @Test
  void reconcilingFollowsCreationRolloutAndRelaysStartingUntilEveryRelayServes() {
    TurnServer ts = turnServer();
    Condition creating = condition(compute(ts, List.of(), Optional.empty(), List.of()), Conditions.RECONCILING);
    assertThat(creating.getStatus()).isEqualTo("True");
    assertThat(creating.getReason()).isEqualTo(FleetStatus.CREATING);
    Condition rolling = condition(compute(ts, List.of(), Optional.of(deployment(2, 1, 1)), List.of()),
        Conditions.RECONCILING);
    assertThat(rolling.getStatus()).isEqualTo("True");
    assertThat(rolling.getReason()).isEqualTo(FleetStatus.ROLLING_OUT);
    assertThat(rolling.getMessage()).isEqualTo("1 of 2 relays run the current configuration, 1 are ready.");
    Condition starting = condition(compute(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", false)),
        Optional.of(deployment(2, 2, 2)), List.of()), Conditions.RECONCILING);
    assertThat(starting.getStatus()).isEqualTo("True");
    assertThat(starting.getReason()).isEqualTo(FleetStatus.RELAYS_STARTING);
    assertThat(starting.getMessage()).isEqualTo("1 of 2 relays are ready and advertise an address.");
    TurnServerStatus done = compute(ts, List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", true)),
        Optional.of(deployment(2, 2, 2)), List.of());
    assertThat(condition(done, Conditions.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(done, Conditions.RECONCILING).getReason()).isEqualTo(FleetStatus.RECONCILED);
    assertThat(condition(done, Conditions.STALLED).getStatus()).isEqualTo("False");
    assertThat(condition(done, Conditions.READY).getStatus()).isEqualTo("True");
  }

  @Test
  void zeroOfTwoRelaysReadyReadsAsInProgressNotHealthy() {
    TurnServerStatus status = compute(turnServer(),
        List.of(relayPod("r-a", "node-a", false), relayPod("r-b", "node-b", false)),
        Optional.of(deployment(2, 2, 0)), List.of());
    assertThat(condition(status, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.RECONCILING).getStatus()).isEqualTo("True");
    assertThat(condition(status, Conditions.STALLED).getStatus()).isEqualTo("False");
  }

  @Test
  void aSpecProblemStallsTheFleetNamingTheFieldAndItIsNotReconciling() {
    TurnServerStatus status = compute(turnServer(), List.of(), Optional.empty(), List.of(
        new SpecProblem(SpecProblem.SECRET_NOT_FOUND, "spec.tls.secretName", "Secret 'x' does not exist"),
        new SpecProblem("spec.realm", "is required")));
    Condition stalled = condition(status, Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("SecretNotFound");
    assertThat(stalled.getMessage()).isEqualTo("spec.tls.secretName: Secret 'x' does not exist (and 1 more).");
    assertThat(condition(status, Conditions.RECONCILING).getStatus()).as("never both True").isEqualTo("False");
    assertThat(condition(status, Conditions.RECONCILING).getReason()).isEqualTo(FleetStatus.WAITING_FOR_FIX);
  }

  @Test
  void aNodeWithoutTheAddressTheSpecNamesStallsTheFleet() {
    TurnServerStatus status = compute(turnServer(), List.of(relayPod("r-x", "node-x", false)), Optional.empty(), List.of());
    Condition stalled = condition(status, Conditions.STALLED);
    assertThat(stalled.getReason()).isEqualTo(FleetStatus.NODE_ADDRESS_MISSING);
    assertThat(stalled.getMessage()).contains("node node-x has no ExternalIP address");
  }

  @Test
  void aRolloutPastItsDeadlineStallsTheFleet() {
    Deployment stalled = new DeploymentBuilder(deployment(2, 1, 1)).editStatus()
        .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").endCondition()
        .endStatus().build();
    assertThat(condition(compute(turnServer(), List.of(), Optional.of(stalled), List.of()), Conditions.STALLED)
        .getReason()).isEqualTo(FleetStatus.ROLLOUT_STALLED);
  }

  @Test
  void conditionsOfEarlierVersionsAreDropped() {
    TurnServer ts = turnServer();
    ts.setStatus(new TurnServerStatus());
    ts.getStatus().setConditions(Conditions.set(List.of(), "Degraded", true, "Old", "Old.", 1, NOW));
    TurnServerStatus status = compute(ts, List.of(), Optional.empty(), List.of());
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED);
  }

  @Test
  void loadThatWobblesWithinATenthOfTheTargetKeepsTheWrittenFiguresAndABiggerMoveShows() {
    TurnServer ts = turnServer();
    ts.getSpec().getScaling().setTargetAllocationsPerRelay(50);
    List<Pod> pods = List.of(relayPod("r-a", "node-a", true), relayPod("r-b", "node-b", true));
    FleetSnapshot fleet = fleet(ts, pods, NODES);
    ts.setStatus(FleetStatus.compute(ts, inputs(fleet, loads(40, 40), Optional.of(deployment(2, 2, 2)), List.of()), NOW));
    assertThat(ts.getStatus().getLoad()).isEqualTo("80/100");
    assertThat(ts.getStatus().getRelaysReady()).isEqualTo("2/2");

    TurnServerStatus wobbled = FleetStatus.compute(ts, inputs(fleet, loads(44, 36), Optional.of(deployment(2, 2, 2)),
        List.of()), NOW.plusSeconds(10));
    assertThat(wobbled).as("4 of 5 per relay, 0 of 10 in total: no change").isEqualTo(ts.getStatus());

    TurnServerStatus moved = FleetStatus.compute(ts, inputs(fleet, loads(46, 45), Optional.of(deployment(2, 2, 2)),
        List.of()), NOW.plusSeconds(20));
    assertThat(moved.getAllocations()).isEqualTo(91);
    assertThat(moved.getLoad()).isEqualTo("91/100");
    assertThat(moved.getRelays()).extracting(RelayStatus::getAllocations).containsExactly(46, 45);
  }

  private static List<LoadSample> loads(int a, int b) {
    return List.of(LoadSample.reported("r-a", new RelayLoad(a, 0, 0, false, true), NOW),
        LoadSample.reported("r-b", new RelayLoad(b, 0, 0, false, true), NOW));
  }

  @Test
  void recomputingFromTheSameObservationsGivesAnEqualStatusSoNothingIsWritten() {
    TurnServer ts = turnServer();
    List<Pod> pods = List.of(relayPod("r-a", "node-a", true));
    TurnServerStatus first = compute(ts, pods, Optional.of(deployment(1, 1, 1)), List.of());
    ts.setStatus(first);
    TurnServerStatus later = FleetStatus.compute(ts, inputs(fleet(ts, pods, NODES), List.of(),
        Optional.of(deployment(1, 1, 1)), List.of()), NOW.plusSeconds(600));
    assertThat(later).isEqualTo(first);
  }
}
