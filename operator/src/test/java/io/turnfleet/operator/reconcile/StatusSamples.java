package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.fleet;
import static io.turnfleet.operator.reconcile.SampleFleets.node;
import static io.turnfleet.operator.reconcile.SampleFleets.relayPod;
import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.AutoscalingStatus;
import io.turnfleet.operator.api.StaticUsersSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.LoadSample;
import io.turnfleet.operator.fleet.RelayLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * TurnServers with the status the operator's own {@link FleetStatus} computes for them, in the states
 * a user meets: pending, failed, ready, and edited since the last reconcile.
 */
final class StatusSamples {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  /** When the samples were created, for the Age column. */
  static final Instant CREATED = NOW.minus(Duration.ofMinutes(42));
  private static final List<Node> NODES = List.of(node("node-a", "203.0.113.7"), node("node-b", "203.0.113.8"));

  private StatusSamples() {}

  /** Two relays wanted, none ready yet: the rollout is in progress. */
  static TurnServer pending() {
    TurnServer ts = sample("pending");
    List<Pod> pods = List.of(relayPod("pending-relay-a", "node-a", false), relayPod("pending-relay-b", "node-b", false));
    return withStatus(ts, pods, Optional.of(deployment(2, 2, 0)), List.of(), List.of(), Optional.empty());
  }

  /** Static users whose Secret does not exist: nothing is created until a human fixes it. */
  static TurnServer failed() {
    TurnServer ts = sample("failed");
    ts.getSpec().getAuth().setMode(AuthMode.StaticUsers);
    ts.getSpec().getAuth().setStaticUsers(new StaticUsersSpec("turn-users", "users"));
    return withStatus(ts, List.of(), Optional.empty(), List.of(new SpecProblem(SpecProblem.SECRET_NOT_FOUND,
        "spec.auth.staticUsers.secretName", "Secret 'turn-users' does not exist in namespace 'turn'")),
        List.of(), Optional.empty());
  }

  /** Two relays ready under load, after a scale-up. */
  static TurnServer ready() {
    TurnServer ts = sample("ready");
    ts.getSpec().getReplicas().setMin(1);
    ts.getSpec().getReplicas().setMax(4);
    List<Pod> pods = List.of(relayPod("ready-relay-a", "node-a", true), relayPod("ready-relay-b", "node-b", true));
    List<LoadSample> load = List.of(
        LoadSample.reported("ready-relay-a", new RelayLoad(812, 0, 0, false, true), NOW),
        LoadSample.reported("ready-relay-b", new RelayLoad(774, 0, 0, false, true), NOW));
    AutoscalingStatus autoscaling = new AutoscalingStatus(true, 2, "Steady",
        "1586 allocations need 2 relays (1000 allocations per relay, 10% headroom); the fleet has 2.",
        NOW.minus(Duration.ofMinutes(17)).toString());
    return withStatus(ts, pods, Optional.of(deployment(2, 2, 2)), List.of(), load, Optional.of(autoscaling));
  }

  /** The ready fleet, edited after its status was written: the operator has not seen the edit yet. */
  static TurnServer oldGeneration() {
    TurnServer ts = ready();
    ts.getMetadata().setName("edited");
    ts.getMetadata().setGeneration(ts.getMetadata().getGeneration() + 1);
    return ts;
  }

  private static TurnServer sample(String name) {
    TurnServer ts = turnServer();
    ts.getMetadata().setName(name);
    ts.getMetadata().setCreationTimestamp(CREATED.toString());
    return ts;
  }

  private static TurnServer withStatus(TurnServer ts, List<Pod> pods, Optional<Deployment> deployment,
      List<SpecProblem> problems, List<LoadSample> samples, Optional<AutoscalingStatus> autoscaling) {
    FleetSnapshot fleet = fleet(ts, pods, NODES);
    ts.setStatus(FleetStatus.compute(ts, new StatusInputs(fleet, FleetLoad.of(fleet, samples, NOW,
        Duration.ofSeconds(30)), deployment, problems, 2, autoscaling, Optional.empty(),
        Optional.empty()), NOW));
    return ts;
  }

  /** The relay Deployment wanting {@code wanted} relays, as its controller reports it. */
  static Deployment deployment(int wanted, int updated, int ready) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("media-relay").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(wanted).endSpec()
        .withNewStatus().withObservedGeneration(1L).withReplicas(wanted).withUpdatedReplicas(updated)
          .withReadyReplicas(ready).endStatus()
        .build();
  }
}
