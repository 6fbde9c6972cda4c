package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.RelayStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetRelay;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.IpLiteral;
import io.turnfleet.operator.fleet.TurnUris;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Computes a TurnServer's status from what was observed. Pure: equal inputs give an equal status. */
public final class FleetStatus {
  public static final String RELAYS_READY = "RelaysReady";
  public static final String NO_RELAY_READY = "NoRelayReady";
  public static final String CREATING = "Creating";
  public static final String ROLLING_OUT = "RollingOut";
  public static final String ROLLOUT_COMPLETE = "RolloutComplete";
  public static final String BLOCKED = "BlockedBySpec";
  public static final String AS_EXPECTED = "AsExpected";
  public static final String NODE_ADDRESS_MISSING = "NodeAddressMissing";
  public static final String ROLLOUT_STALLED = "RolloutStalled";

  private FleetStatus() {}

  public static TurnServerStatus compute(TurnServer ts, StatusInputs in, Instant now) {
    TurnServerStatus previous = ts.getStatus() == null ? new TurnServerStatus() : ts.getStatus();
    long generation = Objects.requireNonNullElse(ts.getMetadata().getGeneration(), 0L);
    FleetSnapshot fleet = in.fleet();
    int replicas = in.deployment().map(d -> d.getSpec().getReplicas()).orElse(in.desiredReplicas());
    int ready = (int) fleet.relays().stream().filter(r -> r.pod().ready()).count();
    int serving = fleet.serving().size();

    List<Condition> conditions = previous.getConditions();
    conditions = serving > 0
        ? Conditions.set(conditions, Conditions.READY, true, RELAYS_READY,
            serving + " of " + replicas + " relays are ready and advertise an address.", generation, now)
        : Conditions.set(conditions, Conditions.READY, false, NO_RELAY_READY,
            "No relay is ready yet (0 of " + replicas + ").", generation, now);
    conditions = progressing(conditions, in.deployment(), in.problems(), generation, now);
    conditions = degraded(conditions, ts, fleet, in.deployment(), in.problems(), generation, now);

    TurnServerStatus status = new TurnServerStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions);
    status.setReplicas(replicas);
    status.setReadyReplicas(ready);
    status.setAllocations((int) Math.min(Integer.MAX_VALUE, in.load().allocations()));
    status.setRelays(fleet.relays().stream().map(relay -> relayStatus(relay, in.load())).toList());
    status.setUris(TurnUris.of(fleet, ts.getSpec()));
    status.setAutoscaling(in.autoscaling().orElse(previous.getAutoscaling()));
    status.setSharedSecret(in.sharedSecret().orElse(null));
    status.setCredentialsUrl(CredentialsEnabledCondition.enabled(ts.getSpec()) ? CredentialsObjects.url(ts) : null);
    return status;
  }

  private static RelayStatus relayStatus(FleetRelay relay, FleetLoad load) {
    Optional<FleetLoad.RelayReading> reading = load.of(relay.pod().name());
    Integer allocations = reading.flatMap(FleetLoad.RelayReading::current)
        .map(l -> (int) Math.min(Integer.MAX_VALUE, l.allocations())).orElse(null);
    return new RelayStatus(relay.pod().name(), relay.pod().nodeName().orElse(null),
        relay.addresses().stream().findFirst().map(IpLiteral::text).orElse(null), relay.pod().ready(), allocations,
        reading.map(FleetLoad.RelayReading::draining).orElse(relay.pod().terminating()),
        reading.flatMap(FleetLoad.RelayReading::error).orElse(null));
  }

  private static List<Condition> progressing(List<Condition> conditions, Optional<Deployment> deployment,
      List<SpecProblem> problems, long generation, Instant now) {
    if (deployment.isEmpty()) {
      return problems.isEmpty()
          ? Conditions.set(conditions, Conditions.PROGRESSING, true, CREATING,
              "Creating the relay fleet.", generation, now)
          : Conditions.set(conditions, Conditions.PROGRESSING, false, BLOCKED,
              "The fleet is not created until the spec problems are fixed.", generation, now);
    }
    Deployment d = deployment.get();
    int wanted = d.getSpec().getReplicas();
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    long observed = Objects.requireNonNullElse(s.getObservedGeneration(), 0L);
    long deploymentGeneration = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
    int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
    int ready = Objects.requireNonNullElse(s.getReadyReplicas(), 0);
    int total = Objects.requireNonNullElse(s.getReplicas(), 0);
    boolean complete = observed >= deploymentGeneration && updated == wanted && ready == wanted && total == wanted;
    return complete
        ? Conditions.set(conditions, Conditions.PROGRESSING, false, ROLLOUT_COMPLETE,
            "All " + wanted + " relays run the current configuration and are ready.", generation, now)
        : Conditions.set(conditions, Conditions.PROGRESSING, true, ROLLING_OUT,
            updated + " of " + wanted + " relays run the current configuration, " + ready + " are ready.",
            generation, now);
  }

  private static List<Condition> degraded(List<Condition> conditions, TurnServer ts, FleetSnapshot fleet,
      Optional<Deployment> deployment, List<SpecProblem> problems, long generation, Instant now) {
    if (!problems.isEmpty()) {
      SpecProblem first = problems.get(0);
      String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
      return Conditions.set(conditions, Conditions.DEGRADED, true, first.reason(),
          first.describe() + more + ".", generation, now);
    }
    List<String> unresolved = fleet.nodesWithoutAddress();
    if (!unresolved.isEmpty()) {
      return Conditions.set(conditions, Conditions.DEGRADED, true, NODE_ADDRESS_MISSING,
          "spec.advertisedAddress.source: node " + String.join(", ", unresolved) + " has no "
              + ts.getSpec().getAdvertisedAddress().getSource() + " address, so its relay cannot become ready.",
          generation, now);
    }
    Optional<DeploymentCondition> stalled = deployment
        .map(Deployment::getStatus)
        .map(DeploymentStatus::getConditions)
        .flatMap(cs -> cs.stream()
            .filter(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()))
            .findFirst());
    if (stalled.isPresent()) {
      return Conditions.set(conditions, Conditions.DEGRADED, true, ROLLOUT_STALLED,
          "The relay rollout exceeded its progress deadline; check the relay pods' events.", generation, now);
    }
    return Conditions.set(conditions, Conditions.DEGRADED, false, AS_EXPECTED,
        "The fleet runs as specified.", generation, now);
  }
}
